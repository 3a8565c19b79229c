// The counts a project reports (issue 10: "computed, not typed"): sessions held, people reached
// (attended at least once) and retained (attended the seminar's required share of the sessions
// held), split by gender, age band and language. Pure: the store hands over one row per
// registration; a cancelled registration counts for nobody.
import { attendanceShareBp } from './seminar-rules';

export interface CountedRegistration {
  status: string;
  language: string;
  answers: Record<string, string>;
  /** sessions of its seminar this person attended, of those held so far */
  attended: number;
  held: number;
  requiredBp: number;
}

export interface Tally {
  reached: number;
  retained: number;
}

export interface ActivityCounts {
  seminarsHeld: number;
  sessionsHeld: number;
  registrations: number;
  total: Tally;
  byGender: Record<string, Tally>;
  byAgeBand: Record<string, Tally>;
  byLanguage: Record<string, Tally>;
}

const add = (map: Record<string, Tally>, key: string, retained: boolean) => {
  const t = map[key] ?? { reached: 0, retained: 0 };
  map[key] = t;
  t.reached++;
  if (retained) t.retained++;
};

export function activityCounts(
  rows: readonly CountedRegistration[],
  held: { seminars: number; sessions: number },
): ActivityCounts {
  const out: ActivityCounts = {
    seminarsHeld: held.seminars,
    sessionsHeld: held.sessions,
    registrations: 0,
    total: { reached: 0, retained: 0 },
    byGender: {},
    byAgeBand: {},
    byLanguage: {},
  };
  for (const r of rows) {
    if (r.status === 'cancelled') continue;
    out.registrations++;
    if (r.status !== 'confirmed' || r.attended === 0) continue;
    const retained = attendanceShareBp(r.attended, r.held) >= r.requiredBp;
    out.total.reached++;
    if (retained) out.total.retained++;
    add(out.byGender, r.answers.gender || 'notSaid', retained);
    add(out.byAgeBand, r.answers.ageBand || 'notSaid', retained);
    add(out.byLanguage, r.language, retained);
  }
  return out;
}
