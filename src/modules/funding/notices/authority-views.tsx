// The issuing authority's form. Views never query; the route hands in the authority as stored.
import { ErrorSummary, Form, Notice, SubmitButton, TextField } from '../../../core/ui/components';
import { type FieldErrors, href, type ViewContext } from '../../../core/ui/context';
import type { Authority } from './authority';

export type Failed = { values: Record<string, string>; errors: FieldErrors };

export function AuthorityPage(p: { ctx: ViewContext; authority: Authority & { isDefault: boolean }; failed?: Failed }) {
  const { ctx } = p;
  const { t } = ctx;
  const errors = p.failed?.errors;
  const value = (name: keyof Authority) => p.failed?.values[name] ?? p.authority[name];
  const field = (name: keyof Authority, extra: { multiline?: boolean; type?: 'tel' | 'email'; hint?: string } = {}) => (
    <TextField
      ctx={ctx}
      name={name}
      required
      label={t(`funding:notices.${name}`)}
      value={value(name)}
      errors={errors}
      {...(extra.multiline ? { multiline: true, rows: 3 } : {})}
      {...(extra.type ? { type: extra.type } : {})}
      {...(extra.hint ? { hint: extra.hint } : {})}
    />
  );
  return (
    <div class="kern-stack prose-wide">
      <h1 class="kern-heading-large">{t('funding:notices.title')}</h1>
      <p class="kern-body">{t('funding:notices.intro')}</p>
      {p.authority.isDefault && <Notice kind="info" title={t('funding:notices.example')} />}
      <Form ctx={ctx} action={href(ctx, '/funding/authority')} class="kern-stack row-group">
        <ErrorSummary ctx={ctx} errors={errors} />
        {field('name')}
        {field('address', { multiline: true, hint: t('funding:notices.addressHint') })}
        {field('unit')}
        {field('contact')}
        {field('phone', { type: 'tel' })}
        {field('email', { type: 'email' })}
        <SubmitButton kind="primary" label={t('funding:notices.save')} />
      </Form>
    </div>
  );
}
