import { DataTable, Pagination, Written } from '../../../core/ui/components';
import { href, type ViewContext } from '../../../core/ui/context';
import { berlinDate, euro } from '../format';
import { DASHBOARD_PAGE_SIZE, type Dashboard, type DashboardRow } from './dashboard.store';

/** Every project's state, money and next deadline at a glance; officers also see the carrier. */
export function ProjectsTable(p: {
  ctx: ViewContext;
  dashboard: Dashboard;
  showCarrier: boolean;
  page: number;
  basePath: string;
}) {
  const { ctx, showCarrier } = p;
  const { t, lang } = ctx;
  const { rows } = p.dashboard;
  return (
    <section class="kern-stack" aria-labelledby="projects-title">
      <h2 class="kern-heading-medium" id="projects-title">
        {t('funding:dashboard.projects')}
      </h2>
      <ul class="kern-list kern-list--horizontal dashboard-figures">
        <li>{t('funding:dashboard.count', { count: p.dashboard.total })}</li>
        <li>{t('funding:dashboard.overdue', { count: p.dashboard.overdueReports })}</li>
        <li>{t('funding:dashboard.pending', { count: p.dashboard.pendingPayments })}</li>
      </ul>
      <DataTable
        caption={t('funding:dashboard.projects')}
        empty={t('funding:grant.none')}
        rows={rows}
        columns={[
          {
            header: t('funding:application.project'),
            cell: (r) => (
              <a class="kern-link" href={href(ctx, `/grants/${r.id}`)}>
                <Written ctx={ctx}>{r.title}</Written>
              </a>
            ),
          },
          ...(showCarrier
            ? [
                {
                  header: t('funding:apply.organisation'),
                  cell: (r: DashboardRow) => <Written ctx={ctx}>{r.organisationName}</Written>,
                },
              ]
            : []),
          { header: t('funding:grant.approved'), cell: (r) => euro(lang, r.approvedCents), numeric: true },
          { header: t('funding:grant.drawn'), cell: (r) => euro(lang, r.drawnCents), numeric: true },
          { header: t('funding:dashboard.pendingShort'), cell: (r) => String(r.pendingPayments), numeric: true },
          {
            header: t('funding:dashboard.nextDeadline'),
            cell: (r) =>
              r.nextDue ? (
                <>
                  {berlinDate(lang, r.nextDue)}
                  {r.overdueReports > 0 && (
                    <span class="kern-badge kern-badge--danger">
                      <span class="kern-label">{t('funding:dashboard.overdueBadge')}</span>
                    </span>
                  )}
                </>
              ) : (
                t('funding:dashboard.noDeadline')
              ),
          },
        ]}
      />
      <Pagination
        ctx={ctx}
        page={p.page}
        pageCount={Math.ceil(p.dashboard.total / DASHBOARD_PAGE_SIZE)}
        hrefFor={(n) => href(ctx, `${p.basePath}?page=${n}`)}
      />
    </section>
  );
}
