// One line that says what a change asks for, in the reader's language: on the pages (German or
// English) and, in German, in the amended decision.
import type { Translate } from '../../../core/i18n/i18n';
import { berlinDate, euro } from '../format';
import type { ChangePayload } from '../schema';

export function changeSummary(ctx: { t: Translate; lang: string }, c: { payload: ChangePayload }): string {
  const { t, lang } = ctx;
  const p = c.payload;
  if (p.kind === 'shift')
    return t('funding:change.shiftSummary', {
      amount: euro(lang, p.amountCents),
      from: t(`funding:line.${p.fromLine}`),
      to: t(`funding:line.${p.toLine}`),
      year: p.year,
    });
  if (p.kind === 'extension') return t('funding:change.extensionSummary', { date: berlinDate(lang, p.endDate) });
  return t('funding:change.partnersSummary', { names: p.partners.map((x) => x.name).join(', ') });
}
