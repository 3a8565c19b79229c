// The case history of an application or a grant for the programme's officers, with the form for an
// internal note. Views never query; every entry arrives ready, its words are translated here.
import { DataTable, ErrorSummary, Form, SubmitButton, TextField, Written } from '../../../core/ui/components';
import { type FieldErrors, href, type ViewContext } from '../../../core/ui/context';
import { berlinDateTime } from '../format';
import type { HistoryEntry } from './history-rules';

/** An audit action in words where the catalog has them ("payment.approved"), else as recorded. */
function auditLabel(ctx: ViewContext, action: string) {
  // the continuations' words live in their own section of the catalog
  const continuation = action.startsWith('continuation.') ? action.slice('continuation.'.length) : undefined;
  const label = continuation
    ? ctx.t(`funding:continuation.audit.${continuation}`)
    : ctx.t(`funding:history.action.${action}`);
  // a key the catalog does not know comes back as itself
  const tail = continuation ? `continuation.audit.${continuation}` : `history.action.${action}`;
  return label.endsWith(tail) ? action : label;
}

function what(ctx: ViewContext, e: HistoryEntry) {
  if (e.kind === 'note')
    return (
      <p class="history-note">
        <Written ctx={ctx}>{e.text ?? ''}</Written>
      </p>
    );
  if (e.kind === 'audit' && e.text) return auditLabel(ctx, e.text);
  const keyParams = Object.fromEntries(Object.entries(e.keyParams ?? {}).map(([k, v]) => [k, ctx.t(v)]));
  const label = e.key ? ctx.t(e.key, { ...e.params, ...keyParams }) : (e.text ?? '');
  const sha =
    e.kind === 'document' && e.params?.sha ? (
      <small>{ctx.t('funding:history.sha', { sha: e.params.sha })}</small>
    ) : null;
  return (
    <>
      {e.path ? (
        <a class="kern-link" href={href(ctx, e.path)}>
          {label}
        </a>
      ) : (
        label
      )}
      {sha && <br />}
      {sha}
    </>
  );
}

export function HistoryPage(p: {
  ctx: ViewContext;
  title: string;
  /** the page of the case, and where the note form posts */
  casePath: string;
  notePath: string;
  /** the other side's history: the grant's from the application and back */
  related?: { path: string; label: string };
  entries: HistoryEntry[];
  values: Record<string, string>;
  errors?: FieldErrors | undefined;
}) {
  const { ctx } = p;
  const { t } = ctx;
  return (
    <div class="kern-stack prose-wide">
      <p>
        <a class="kern-link" href={href(ctx, p.casePath)}>
          {t('funding:history.back')}
        </a>
        {p.related && (
          <>
            {' · '}
            <a class="kern-link" href={href(ctx, p.related.path)}>
              {p.related.label}
            </a>
          </>
        )}
      </p>
      <h1 class="kern-heading-large">
        {t('funding:history.title', { title: '' })}
        <Written ctx={ctx}>{p.title}</Written>
      </h1>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <p>{t('funding:history.intro')}</p>
      <DataTable
        caption={t('funding:history.link')}
        empty={t('funding:history.empty')}
        rows={p.entries}
        columns={[
          { header: t('funding:history.when'), cell: (e) => berlinDateTime(ctx.lang, e.at) },
          { header: t('funding:history.kindColumn'), cell: (e) => t(`funding:history.kind.${e.kind}`) },
          { header: t('funding:history.who'), cell: (e) => e.who ?? t('funding:history.system') },
          { header: t('funding:history.what'), cell: (e) => what(ctx, e) },
        ]}
      />
      <section class="kern-stack" aria-labelledby="note-title">
        <h2 class="kern-heading-medium" id="note-title">
          {t('funding:history.notes.title')}
        </h2>
        <Form ctx={ctx} action={href(ctx, p.notePath)}>
          <TextField
            ctx={ctx}
            name="note"
            multiline
            rows={4}
            required
            label={t('funding:history.notes.text')}
            hint={t('funding:history.notes.hint')}
            value={p.values.note}
            errors={p.errors}
          />
          <SubmitButton label={t('funding:history.notes.submit')} />
        </Form>
      </section>
    </div>
  );
}
