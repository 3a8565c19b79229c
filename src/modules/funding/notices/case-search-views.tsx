// The case number search: a search field and the applications found. Views never query.
import { DataTable, SubmitButton, TextField, Written } from '../../../core/ui/components';
import { href, type ViewContext } from '../../../core/ui/context';

export function CaseSearchPage(p: {
  ctx: ViewContext;
  q: string;
  hits: { id: string; caseNumber: string; title: string }[];
}) {
  const { ctx } = p;
  const { t } = ctx;
  return (
    <div class="kern-stack prose-wide">
      <h1 class="kern-heading-large">{t('funding:notices.searchTitle')}</h1>
      <search>
        <form method="get" action={href(ctx, '/funding/case-numbers')} class="filter-form">
          <TextField
            ctx={ctx}
            name="q"
            type="search"
            label={t('funding:notices.searchLabel')}
            hint={t('funding:notices.searchHint')}
            value={p.q}
          />
          <SubmitButton kind="secondary" label={t('funding:notices.searchSubmit')} />
        </form>
      </search>
      {p.q && (
        <DataTable
          caption={t('funding:notices.searchResults', { q: p.q })}
          empty={t('funding:notices.searchNone')}
          rows={p.hits}
          columns={[
            {
              header: t('funding:notices.caseNumber'),
              cell: (h) => (
                <a class="kern-link" href={href(ctx, `/funding/applications/${h.id}`)}>
                  {h.caseNumber}
                </a>
              ),
            },
            { header: t('funding:project.title'), cell: (h) => <Written ctx={ctx}>{h.title}</Written> },
          ]}
        />
      )}
    </div>
  );
}
