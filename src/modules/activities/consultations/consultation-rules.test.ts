import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consultationCounts, consultationIssues, followUpState } from './consultation-rules';

describe('consultations', () => {
  it('are recorded once held, with a follow-up that says what and is not due before the day', () => {
    assert.deepEqual(consultationIssues({ heldOn: '2026-12-03', followUp: '', followUpDueOn: '' }, '2026-12-03'), []);
    assert.deepEqual(
      consultationIssues({ heldOn: '2026-12-04', followUp: '', followUpDueOn: '2026-12-01' }, '2026-12-03').map((i) => [
        i.field,
        i.key,
      ]),
      [
        ['heldOn', 'activities:consultation.validation.future'],
        ['followUp', 'activities:consultation.validation.followUpText'],
        ['followUpDueOn', 'activities:consultation.validation.dueBeforeHeld'],
      ],
    );
  });

  it('have a follow-up that is open, overdue after its day, or done', () => {
    const c = { followUp: 'Einladung schicken', followUpDueOn: '2026-12-10', followUpDoneAt: null };
    assert.equal(followUpState(c, '2026-12-10'), 'open');
    assert.equal(followUpState(c, '2026-12-11'), 'overdue');
    assert.equal(followUpState({ ...c, followUpDoneAt: new Date() }, '2026-12-11'), 'done');
    assert.equal(followUpState({ ...c, followUp: ' ' }, '2026-12-11'), 'none');
  });

  it('are counted per audience', () => {
    assert.deepEqual(
      consultationCounts([{ audience: 'council' }, { audience: 'administration' }, { audience: 'council' }]),
      {
        council: 2,
        administration: 1,
      },
    );
  });
});
