// When a call takes submissions.

/** A call accepts submissions from its opening instant up to, not including, its closing instant. */
export function callIsOpen(call: { opensAt: Date; closesAt: Date }, now: Date): boolean {
  return call.opensAt.getTime() <= now.getTime() && now.getTime() < call.closesAt.getTime();
}
