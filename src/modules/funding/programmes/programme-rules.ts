// What a programme's settings must say together, beyond each field on its own.
import { type FieldIssue, issue } from '../../../core/http/form';

/** A fixed-amount programme names its fixed amount. */
export function programmeFormIssues(p: { financingType: string; fixedAmount?: number }): FieldIssue[] {
  return p.financingType === 'fixed' && p.fixedAmount === undefined
    ? [issue('fixedAmount', 'funding:validation.fixedAmountNeeded')]
    : [];
}
