import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { optimalAssignment } from '../../network/api';
import { mentorFit, pairIssues, suggestMentors } from './mentoring-rules';

const p = (id: string, languages: string[], topics: string[], region = '') => ({ id, languages, topics, region });

describe('mentor fit', () => {
  it('explains itself: shared languages, the goals covered, the same region', () => {
    const fit = mentorFit(
      p('mentee', ['de', 'tr'], ['publicSpeaking', 'motions'], 'Mainz'),
      p('mentor', ['tr'], ['motions'], 'mainz '),
    );
    assert.deepEqual(fit, {
      score: 30 + 25 + 20,
      reasons: [
        { key: 'activities:mentoring.reason.languages', params: { languages: ['tr'] } },
        { key: 'activities:mentoring.reason.topics', params: { topics: ['motions'], of: 2 } },
        { key: 'activities:mentoring.reason.region', params: { region: 'Mainz' } },
      ],
    });
  });

  it('puts nobody with a mentor they share no language with', () => {
    assert.deepEqual(mentorFit(p('a', ['ar'], ['media']), p('b', ['uk'], ['media'])), {
      score: 0,
      reasons: [{ key: 'activities:mentoring.reason.noLanguage' }],
    });
  });

  it('suggests the best fitting mentors first and leaves out who does not fit', () => {
    const mentee = p('m', ['de'], ['media', 'funding']);
    const list = suggestMentors(mentee, [
      p('x', ['de'], ['media']),
      p('y', ['de'], ['media', 'funding']),
      p('z', ['ru'], ['media']),
    ]);
    assert.deepEqual(
      list.map((s) => [s.id, s.score]),
      [
        ['y', 80],
        ['x', 55],
      ],
    );
  });
});

describe('the pairing of a round', () => {
  it('is optimal, not greedy: checked against every pairing on small rounds', () => {
    const langs = fc.subarray(['de', 'tr', 'ar'], { minLength: 1 });
    const tops = fc.subarray(['media', 'motions', 'funding'], { minLength: 0 });
    const person = fc.record({ languages: langs, topics: tops, region: fc.constantFrom('', 'Mainz', 'Worms') });
    fc.assert(
      fc.property(
        fc.array(person, { minLength: 1, maxLength: 4 }),
        fc.array(person, { minLength: 1, maxLength: 4 }),
        (es, ms) => {
          const mentees = es.map((e, i) => ({ ...e, id: `e${i}` }));
          const mentors = ms.map((m, i) => ({ ...m, id: `m${i}` }));
          const score = (e: string, m: string) =>
            mentorFit(mentees.find((x) => x.id === e)!, mentors.find((x) => x.id === m)!).score;
          const optimal = optimalAssignment(
            mentees.map((e) => e.id),
            mentors.map((m) => m.id),
            score,
          );
          // brute force: every injective map of mentees to mentors (or to nobody)
          let best = 0;
          const walk = (i: number, used: Set<string>, total: number) => {
            if (i === mentees.length) {
              best = Math.max(best, total);
              return;
            }
            walk(i + 1, used, total);
            for (const m of mentors)
              if (!used.has(m.id)) walk(i + 1, new Set([...used, m.id]), total + score(mentees[i]!.id, m.id));
          };
          walk(0, new Set(), 0);
          assert.equal(optimal.total, best);
        },
      ),
    );
  });

  it('refuses a pair by hand whose mentor or mentee is paired already or not in the round', () => {
    const ctx = {
      mentors: new Set(['m1', 'm2']),
      mentees: new Set(['e1']),
      pairedMentors: new Set(['m1']),
      pairedMentees: new Set<string>(),
    };
    assert.deepEqual(pairIssues({ mentorId: 'm1', menteeId: 'e1' }, ctx), [
      { field: 'mentorId', key: 'activities:mentoring.validation.paired' },
    ]);
    assert.deepEqual(pairIssues({ mentorId: 'm2', menteeId: 'e9' }, ctx), [
      { field: 'menteeId', key: 'common:validation.choose' },
    ]);
  });
});
