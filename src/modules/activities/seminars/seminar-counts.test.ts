import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activityCounts } from './seminar-counts';

const row = (over: Partial<Parameters<typeof activityCounts>[0][number]> = {}) => ({
  status: 'confirmed',
  language: 'de',
  answers: {},
  attended: 3,
  held: 4,
  requiredBp: 7500,
  ...over,
});

describe('the counts a project reports', () => {
  it('counts as reached who came at least once, as retained who came the required share', () => {
    const counts = activityCounts(
      [
        row({ language: 'tr', answers: { gender: 'female', ageBand: '27to44' } }),
        row({ language: 'tr', answers: { gender: 'female' }, attended: 2 }),
        row({ language: 'ar', answers: { gender: 'male' }, attended: 0 }),
        row({ status: 'waitlisted', attended: 0 }),
        row({ status: 'cancelled' }),
      ],
      { seminars: 1, sessions: 4 },
    );
    assert.deepEqual(counts.total, { reached: 2, retained: 1 });
    assert.equal(counts.registrations, 4, 'the cancelled one is not counted');
    assert.deepEqual(counts.byGender, { female: { reached: 2, retained: 1 } });
    assert.deepEqual(counts.byAgeBand, { '27to44': { reached: 1, retained: 1 }, notSaid: { reached: 1, retained: 0 } });
    assert.deepEqual(counts.byLanguage, { tr: { reached: 2, retained: 1 } });
    assert.equal(counts.sessionsHeld, 4);
  });

  it('counts nobody before anything was held', () => {
    const counts = activityCounts([row({ attended: 0, held: 0 })], { seminars: 0, sessions: 0 });
    assert.deepEqual(counts.total, { reached: 0, retained: 0 });
    assert.equal(counts.registrations, 1);
  });
});
