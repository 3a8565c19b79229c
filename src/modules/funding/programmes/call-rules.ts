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
