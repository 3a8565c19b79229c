// The partner search: the suggestions, best first, each with its score, the reasons in the reader's
// language and a link to the public profile.
import { Written } from '../../../core/ui/components';
import { href, type ViewContext } from '../../../core/ui/context';
import type { ListedOrganisation } from '../directory/directory.store';
import { codeText } from '../directory/directory-views';
import { landOf } from '../organisation-rules';
import type { Organisation } from '../organisations.store';
import type { MatchReason, Suggestion } from './matching-rules';

export interface ShownSuggestion extends Suggestion {
  organisation: ListedOrganisation;
}

/** A reason in words: lists of codes become their names; a capacity nobody gave says so. */
export function reasonText(ctx: ViewContext, r: MatchReason, o: Pick<ListedOrganisation, 'partnerCapacity'>): string {
  if (r.key === 'network:match.capacity' && o.partnerCapacity === null)
    return ctx.t('network:partners.capacityNotSaid');
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(r.params ?? {})) {
    if (Array.isArray(value)) {
      const list = name === 'fields' ? 'fieldsOfWork' : 'languages';
      params[name] = value.map((c: string) => codeText(ctx, list, c)).join(', ');
    } else params[name] = value as string | number;
  }
  return ctx.t(r.key, params);
}

export function PartnerSearchPage(p: {
  ctx: ViewContext;
  seeker: Organisation;
  lookingForMigrant: boolean;
  suggestions: ShownSuggestion[];
  /** the person's organisations when they work for more than one */
  ownOrganisations: Organisation[];
}) {
  const { ctx, seeker } = p;
  const { t } = ctx;
  return (
    <div class="kern-stack prose">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{t('network:partners.title')}</h1>
        <p class="kern-subline">
          <Written ctx={ctx}>{seeker.name}</Written>
        </p>
      </hgroup>
      <p class="kern-body">
        {t(p.lookingForMigrant ? 'network:partners.introCarrier' : 'network:partners.introMigrant')}
      </p>
      <p class="kern-body">
        {t('network:partners.ownEntryHint')}{' '}
        <a class="kern-link" href={href(ctx, `/organisation/${seeker.id}/directory`)}>
          {t('network:directory.editLink')}
        </a>
      </p>
      {p.ownOrganisations.length > 1 && (
        <nav aria-label={t('network:partners.forWhom')}>
          <ul class="kern-list">
            {p.ownOrganisations.map((o) => (
              <li>
                <a
                  class="kern-link"
                  href={href(ctx, `/organisation/partners?for=${o.id}`)}
                  aria-current={o.id === seeker.id ? 'page' : undefined}
                >
                  <Written ctx={ctx}>{o.name}</Written>
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {p.suggestions.length === 0 ? (
        <p class="kern-body">{t('network:partners.empty')}</p>
      ) : (
        <ol class="kern-list partner-suggestions">
          {p.suggestions.map((s) => {
            const o = s.organisation;
            const land = landOf(o.municipalityKey);
            return (
              <li class="kern-stack">
                <h2 class="kern-heading-small">
                  <a class="kern-link" href={href(ctx, `/organisations/${o.id}`)}>
                    <Written ctx={ctx}>{o.name}</Written>
                  </a>
                </h2>
                <p class="kern-body">
                  {codeText(ctx, 'kinds', o.kind)} ·{' '}
                  {[o.city, land ? codeText(ctx, 'lands', land) : ''].filter(Boolean).join(', ') || '–'}
                </p>
                <p class="kern-body partner-score">
                  <strong>{t('network:partners.score', { score: s.score })}</strong>
                </p>
                <ul class="kern-list partner-reasons" aria-label={t('network:partners.reasons')}>
                  {s.reasons.map((r) => (
                    <li>{reasonText(ctx, r, o)}</li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ol>
      )}
      <p>
        <a class="kern-link" href={href(ctx, '/organisations')}>
          {t('network:partners.toDirectory')}
        </a>
      </p>
    </div>
  );
}
