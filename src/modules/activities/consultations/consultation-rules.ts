// What makes a consultation record valid, and how consultations are counted. Pure.
import { type FieldIssue, issue } from '../../../core/http/form';

export const audiences = ['localActor', 'administration', 'politicalParty', 'council', 'other'] as const;
export const formats = ['inPerson', 'phone', 'online', 'written'] as const;

export interface ConsultationInput {
  heldOn: string;
  followUp: string;
  followUpDueOn: string;
}

/**
 * A consultation is recorded once it took place: not in the future. A follow-up with a due date
 * says what follows, and is due on or after the day of the consultation.
 */
export function consultationIssues(c: ConsultationInput, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (c.heldOn > today) issues.push(issue('heldOn', 'activities:consultation.validation.future'));
  if (c.followUpDueOn && !c.followUp.trim())
    issues.push(issue('followUp', 'activities:consultation.validation.followUpText'));
  if (c.followUpDueOn && c.followUpDueOn < c.heldOn)
    issues.push(issue('followUpDueOn', 'activities:consultation.validation.dueBeforeHeld'));
  return issues;
}

/** The state of a consultation's follow-up on `today`. */
export function followUpState(
  c: { followUp: string; followUpDueOn: string | null; followUpDoneAt: Date | null },
  today: string,
): 'none' | 'done' | 'overdue' | 'open' {
  if (!c.followUp.trim()) return 'none';
  if (c.followUpDoneAt) return 'done';
  if (c.followUpDueOn && c.followUpDueOn < today) return 'overdue';
  return 'open';
}

/** Consultations per audience, for the report. */
export function consultationCounts(rows: readonly { audience: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[r.audience] = (out[r.audience] ?? 0) + 1;
  return out;
}
