// When a call takes submissions, and what its period and project window must say.
import { type FieldIssue, issue } from '../../../core/http/form';
import { berlinDateTime } from '../../../core/time/calendar';

/** A call accepts submissions from its opening instant up to, not including, its closing instant. */
export function callIsOpen(call: { opensAt: Date; closesAt: Date }, now: Date): boolean {
  return call.opensAt.getTime() <= now.getTime() && now.getTime() < call.closesAt.getTime();
}

/** A call's period and project window as the officer typed them (dates and Berlin times already valid). */
export interface CallPeriod {
  opensDate: string;
  opensTime: string;
  closesDate: string;
  closesTime: string;
  /** '' when the call sets none */
  projectStartEarliest: string;
  projectEndLatest: string;
}

/**
 * The period must close after it opens, compared as instants (a night with a clock change has an
 * hour more or less); a project window must end after it starts.
 */
export function callFormIssues(p: CallPeriod): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (berlinDateTime(p.closesDate, p.closesTime) <= berlinDateTime(p.opensDate, p.opensTime))
    issues.push(issue('closesDate', 'funding:validation.closesBeforeOpens'));
  if (p.projectStartEarliest && p.projectEndLatest && p.projectEndLatest <= p.projectStartEarliest)
    issues.push(issue('projectEndLatest', 'funding:validation.endBeforeStart'));
  return issues;
}

/** A rubric criterion as the rule compares it: what a score was given against. */
export interface LockedCriterion {
  id: string;
  title: string;
  weight: number;
  anchors: readonly string[];
}

/** Whether two rubrics are the same criteria with the same titles, weights and anchors, in the same order. */
export function sameRubric(a: readonly LockedCriterion[], b: readonly LockedCriterion[]): boolean {
  return (
    a.length === b.length &&
    a.every((c, i) => {
      const d = b[i];
      return (
        d !== undefined &&
        c.id === d.id &&
        c.title === d.title &&
        Number(c.weight) === Number(d.weight) &&
        c.anchors.length === d.anchors.length &&
        c.anchors.every((x, j) => x === d.anchors[j])
      );
    })
  );
}

/**
 * Once a reviewer has submitted a score for an application of the call, its rubric (criteria,
 * weights and the anchors scored against) is locked: submitted scores were given against it, and
 * the ranking compares them. Any change is refused at the rubric; the other fields stay editable.
 */
export function rubricLockIssues(input: {
  scoresSubmitted: boolean;
  before: readonly LockedCriterion[];
  after: readonly LockedCriterion[];
}): FieldIssue[] {
  return input.scoresSubmitted && !sameRubric(input.before, input.after)
    ? [issue('rubric', 'funding:call.rubricLocked')]
    : [];
}
