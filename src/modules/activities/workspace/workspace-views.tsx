// Views of the project workspaces. They never query; what they show comes from the route.
import { formatBasisPoints, formatPeriod } from '../../../core/i18n/formats';
import { DataTable, DefinitionList, Written } from '../../../core/ui/components';
import { href, type ViewContext } from '../../../core/ui/context';
import type { projectPartners, projects } from '../schema';
import type { ActivityCounts } from '../seminars/seminar-counts';
import { CountsSection, SeminarsSection } from '../seminars/seminar-views';
import type { SeminarOverview } from '../seminars/seminars.store';
import type { EyeLevel } from './workspace-rules';

type Project = typeof projects.$inferSelect;
type Partner = typeof projectPartners.$inferSelect;

const share = formatBasisPoints;

export function WorkspacesPage({ ctx, projects }: { ctx: ViewContext; projects: Project[] }) {
  const { t, lang } = ctx;
  return (
    <div class="kern-stack">
      <h1 class="kern-heading-large">{t('activities:workspace.listTitle')}</h1>
      <p class="kern-body">{t('activities:workspace.listIntro')}</p>
      <DataTable
        caption={t('activities:workspace.listCaption')}
        empty={t('activities:workspace.none')}
        rows={projects}
        columns={[
          {
            header: t('activities:workspace.project'),
            cell: (p) => (
              <a class="kern-link" href={href(ctx, `/projects/${p.id}`)}>
                <Written ctx={ctx}>{p.title}</Written>
              </a>
            ),
          },
          { header: t('activities:workspace.period'), cell: (p) => formatPeriod(lang, p.startDate, p.endDate) },
        ]}
      />
    </div>
  );
}

export function WorkspacePage(p: {
  ctx: ViewContext;
  project: Project;
  carrier: string;
  partners: Partner[];
  eyeLevel: EyeLevel;
  seminars: SeminarOverview[];
  counts: ActivityCounts;
  now: Date;
}) {
  const { ctx, project } = p;
  const { t, lang } = ctx;
  return (
    <div class="kern-stack">
      <p class="kern-body">
        <a class="kern-link" href={href(ctx, '/projects')}>
          {t('activities:workspace.back')}
        </a>
      </p>
      <h1 class="kern-heading-large">
        <Written ctx={ctx}>{project.title}</Written>
      </h1>
      <DefinitionList
        items={[
          { key: t('activities:workspace.carrier'), value: <Written ctx={ctx}>{p.carrier}</Written> },
          { key: t('activities:workspace.period'), value: formatPeriod(lang, project.startDate, project.endDate) },
          {
            key: t('activities:workspace.eyeLevel'),
            value:
              p.eyeLevel.partners === 0
                ? t('activities:workspace.eyeLevelNone')
                : t('activities:workspace.eyeLevelValue', {
                    share: share(lang, p.eyeLevel.migrantOrganisationShareBp),
                    mos: p.eyeLevel.migrantOrganisations,
                    partners: p.eyeLevel.partners,
                  }),
          },
        ]}
      />
      <p class="kern-body">
        <a class="kern-link" href={href(ctx, `/grants/${project.grantId}`)}>
          {t('activities:workspace.grantLink')}
        </a>
      </p>
      <DataTable
        caption={t('activities:workspace.partners')}
        empty={t('activities:workspace.noPartners')}
        rows={p.partners}
        columns={[
          { header: t('activities:workspace.partnerName'), cell: (x) => <Written ctx={ctx}>{x.name}</Written> },
          {
            header: t('activities:workspace.migrantOrganisation'),
            cell: (x) => t(x.isMigrantOrganisation ? 'activities:workspace.yes' : 'activities:workspace.no'),
          },
          { header: t('activities:workspace.role'), cell: (x) => <Written ctx={ctx}>{x.role}</Written> },
          { header: t('activities:workspace.tasks'), cell: (x) => <Written ctx={ctx}>{x.tasks}</Written> },
          { header: t('activities:workspace.budgetShare'), numeric: true, cell: (x) => share(lang, x.budgetShareBp) },
        ]}
      />
      <SeminarsSection ctx={ctx} project={project} seminars={p.seminars} now={p.now} />
      <p class="kern-body">
        <a class="kern-link" href={href(ctx, `/projects/${project.id}/consultations`)}>
          {t('activities:workspace.consultationsLink')}
        </a>
      </p>
      <p class="kern-body">
        <a class="kern-link" href={href(ctx, `/projects/${project.id}/mentoring`)}>
          {t('activities:workspace.mentoringLink')}
        </a>
      </p>
      <CountsSection ctx={ctx} counts={p.counts} />
    </div>
  );
}
