// The one clock of the app (AppDeps.now). Rules take "now" or "today" as a parameter and the routes
// and jobs pass deps.now(), so tests can stand on 31 December, on a DST switch or on any other day.
// Database defaults (created_at) keep the database's clock: they record when, not decide what.
import { berlinDate } from './calendar';

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** Today in Berlin by the given clock, as 'yyyy-mm-dd'. */
export const today = (now: Clock): string => berlinDate(now());

/** A clock for tests that stands still at an instant until moved. */
export function fixedClock(start: Date | string) {
  let at = new Date(start).getTime();
  const clock = (() => new Date(at)) as Clock & { set(to: Date | string): void; advance(ms: number): void };
  clock.set = (to) => {
    at = new Date(to).getTime();
  };
  clock.advance = (ms) => {
    at += ms;
  };
  return clock;
}
