// When a partner's confirmation counts: exactly its current part, confirmed through a link that is
// still open; a later change of the part leaves it outdated; a full application is submitted only
// with every partner confirmed, an outline without asking.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Partner } from '../schema';
import {
  type ConfirmationRow,
  confirmationIssues,
  decisionIssues,
  linkExpiry,
  linkProblem,
  linkStillFor,
  openPartners,
  partnerState,
  partnerStates,
  partOf,
  partSha256,
  requestIssues,
} from './partner-confirmation-rules';

const anadolu: Partner = {
  name: 'Kulturverein Anadolu',
  isMigrantOrganisation: true,
  role: 'Tandempartner',
  tasks: 'Elternabende auf Türkisch',
  budgetShareBp: 4000,
  contactName: 'Ayşe Yılmaz',
  contactEmail: 'ayse@anadolu.example',
};
const content = {
  title: 'Brücken bauen',
  startDate: '2027-01-01',
  endDate: '2027-12-31',
  plan: {
    expenses: [
      { line: 'staff', year: 2027, amountCents: 8_000_000 },
      { line: 'travel', year: 2027, amountCents: 2_000_000 },
    ],
    ownFunds: [],
    thirdPartyFunds: [],
    grant: [],
  },
  partners: [anadolu, { ...anadolu, name: 'Elternnetz', contactEmail: '', contactName: '' }],
};
const ctx = { carrier: 'Caritas Mainz', content };
const sha = (p: Partner, c = content) => partSha256(partOf(p, { carrier: 'Caritas Mainz', content: c }));
const day = (d: string) => new Date(`${d}T10:00:00Z`);
const row = (o: Partial<ConfirmationRow> = {}): ConfirmationRow => ({
  partnerIndex: 0,
  status: 'pending',
  partSha256: null,
  requestedAt: day('2026-12-01'),
  expiresAt: linkExpiry(day('2026-12-01')),
  decidedAt: null,
  ...o,
});
const confirmed = (o: Partial<ConfirmationRow> = {}) =>
  row({ status: 'confirmed', partSha256: sha(anadolu), decidedAt: day('2026-12-03'), ...o });

describe('a partner’s part', () => {
  test('shows the project, the period and the share with the amount it means over the plan (40 % of 100,000 €)', () => {
    const part = partOf(anadolu, ctx);
    assert.deepEqual(part, {
      carrier: 'Caritas Mainz',
      title: 'Brücken bauen',
      startDate: '2027-01-01',
      endDate: '2027-12-31',
      name: 'Kulturverein Anadolu',
      isMigrantOrganisation: true,
      role: 'Tandempartner',
      tasks: 'Elternabende auf Türkisch',
      budgetShareBp: 4000,
      amountCents: 4_000_000,
    });
  });

  test('its hash is a sha-256 that changes with each shown fact and not with the contact', () => {
    const base = sha(anadolu);
    assert.match(base, /^[0-9a-f]{64}$/);
    assert.equal(sha({ ...anadolu }), base, 'the same part, the same hash');
    assert.equal(sha({ ...anadolu, contactEmail: 'neu@anadolu.example', contactName: 'X' }), base);
    for (const changed of [
      { name: 'Kulturverein Anadolu e. V.' },
      { role: 'Mentor' },
      { tasks: 'Elternabende' },
      { budgetShareBp: 4001 },
      { isMigrantOrganisation: false },
    ])
      assert.notEqual(sha({ ...anadolu, ...changed }), base, JSON.stringify(changed));
    assert.notEqual(sha(anadolu, { ...content, endDate: '2027-06-30' }), base, 'the period');
    assert.notEqual(sha(anadolu, { ...content, plan: { ...content.plan, expenses: [] } }), base, 'the amount');
  });
});

describe('where a partner stands', () => {
  const now = day('2026-12-10');
  test('nothing asked: missing; asked: requested until the link expires after 30 days', () => {
    assert.equal(partnerState(0, sha(anadolu), [], now).kind, 'missing');
    assert.equal(partnerState(0, sha(anadolu), [row()], now).kind, 'requested');
    assert.equal(partnerState(0, sha(anadolu), [row()], new Date('2026-12-31T09:59:59Z')).kind, 'requested');
    assert.equal(partnerState(0, sha(anadolu), [row()], new Date('2026-12-31T10:00:00Z')).kind, 'expired');
    assert.equal(partnerState(1, sha(anadolu), [row()], now).kind, 'missing', 'another row’s request');
  });

  test('confirmed when exactly the current part was confirmed, wherever it stood', () => {
    assert.equal(partnerState(0, sha(anadolu), [confirmed()], now).kind, 'confirmed');
    assert.equal(partnerState(1, sha(anadolu), [confirmed()], now).kind, 'confirmed', 'moved to another row');
  });

  test('a change of the part after the answer leaves it outdated; a new request stands over it', () => {
    const changed = { ...anadolu, tasks: 'Elternabende und Sprachcafé' };
    const state = partnerState(0, sha(changed), [confirmed()], now);
    assert.equal(state.kind, 'outdated');
    assert.equal(state.row?.status, 'confirmed');
    const again = row({ requestedAt: day('2026-12-05'), expiresAt: linkExpiry(day('2026-12-05')) });
    assert.equal(partnerState(0, sha(changed), [confirmed(), again], now).kind, 'requested');
  });

  test('declined: the current part declined; a declined older part is outdated', () => {
    const declined = confirmed({ status: 'declined' });
    assert.equal(partnerState(0, sha(anadolu), [declined], now).kind, 'declined');
    assert.equal(partnerState(0, sha({ ...anadolu, budgetShareBp: 3000 }), [declined], now).kind, 'outdated');
    assert.equal(
      partnerState(0, sha(anadolu), [declined, confirmed({ decidedAt: day('2026-12-04') })], now).kind,
      'confirmed',
    );
  });

  test('an open request belongs to the partner whose contact it was mailed to', () => {
    const mailed = row({ contactEmail: 'Ayse@Anadolu.example' });
    assert.equal(partnerState(0, sha(anadolu), [mailed], now, 'ayse@anadolu.example').kind, 'requested');
    assert.equal(partnerState(0, sha(anadolu), [mailed], now, 'info@elternnetz.example').kind, 'missing');
    assert.ok(linkStillFor(mailed, anadolu));
    assert.ok(!linkStillFor(mailed, { contactEmail: 'info@elternnetz.example' }), 'the rows were reordered');
    assert.ok(!linkStillFor(mailed, undefined), 'the partner was removed');
  });

  test('a replaced request counts for nothing', () => {
    assert.equal(partnerState(0, sha(anadolu), [row({ status: 'superseded' })], now).kind, 'missing');
  });
});

describe('submitting', () => {
  const now = day('2026-12-10');
  test('a full application needs every partner’s current part confirmed, each issue on the partner’s row', () => {
    const states = partnerStates(content, 'Caritas Mainz', [confirmed()], now);
    assert.deepEqual(
      states.map((s) => s.kind),
      ['confirmed', 'missing'],
    );
    assert.deepEqual(confirmationIssues('full', content.partners, states), [
      {
        field: 'partner-1-confirmation',
        key: 'funding:partnerConfirmation.check.missing',
        params: { name: 'Elternnetz' },
      },
    ]);
    const outdated = partnerStates({ ...content, title: 'Neuer Titel' }, 'Caritas Mainz', [confirmed()], now);
    assert.equal(
      confirmationIssues('full', content.partners, outdated)[0]?.key,
      'funding:partnerConfirmation.check.outdated',
    );
  });

  test('an outline asks no partner, and an application without partners needs nothing', () => {
    assert.deepEqual(confirmationIssues('outline', content.partners, []), []);
    assert.deepEqual(confirmationIssues('full', [], []), []);
  });
});

describe('asking', () => {
  const full = { stage: 'full', editable: true };
  test('a partner is asked once its contact is saved, and not again once confirmed', () => {
    assert.deepEqual(requestIssues(full, content.partners, [0], [{ kind: 'missing' }]), []);
    assert.equal(requestIssues(full, content.partners, [1], [])[0]?.field, 'partner-1-contactName');
    assert.equal(
      requestIssues(full, [{ ...anadolu, contactEmail: 'kein-at' }], [0], [])[0]?.field,
      'partner-0-contactEmail',
    );
    assert.equal(
      requestIssues(full, content.partners, [0], [{ kind: 'confirmed' }])[0]?.key,
      'funding:partnerConfirmation.check.alreadyConfirmed',
    );
    assert.equal(requestIssues(full, content.partners, [5], [])[0]?.key, 'common:validation.choose');
  });

  test('nothing is asked for an outline, a submitted application, or with nobody open', () => {
    assert.equal(requestIssues({ stage: 'outline', editable: true }, content.partners, [0], [])[0]?.field, 'partner');
    assert.equal(
      requestIssues({ ...full, planExpensesCents: 0 }, content.partners, [0], [])[0]?.key,
      'funding:partnerConfirmation.check.noPlan',
      'no plan yet: the share would mean 0 €',
    );
    assert.deepEqual(
      requestIssues({ ...full, planExpensesCents: 100 }, content.partners, [0], [{ kind: 'missing' }]),
      [],
    );
    assert.equal(requestIssues({ stage: 'full', editable: false }, content.partners, [0], [])[0]?.field, 'partner');
    assert.equal(
      requestIssues(full, content.partners, [], [])[0]?.key,
      'funding:partnerConfirmation.check.nothingToAsk',
    );
  });

  test('"all" asks the partners with a contact that are neither confirmed nor waiting', () => {
    const three = [anadolu, content.partners[1]!, { ...anadolu, name: 'Dritter' }];
    assert.deepEqual(openPartners(three, [{ kind: 'missing' }, { kind: 'missing' }, { kind: 'outdated' }]), [0, 2]);
    assert.deepEqual(openPartners(three, [{ kind: 'confirmed' }, { kind: 'missing' }, { kind: 'requested' }]), []);
    assert.deepEqual(openPartners(three, [{ kind: 'expired' }, { kind: 'missing' }, { kind: 'declined' }]), [0, 2]);
  });
});

describe('a link', () => {
  const now = day('2026-12-10');
  test('opens while pending and unexpired; is unknown, used, replaced or expired otherwise', () => {
    assert.equal(linkProblem(row(), now), undefined);
    assert.equal(linkProblem(undefined, now), 'unknown');
    assert.equal(linkProblem(confirmed(), now), 'used');
    assert.equal(linkProblem(row({ status: 'declined' }), now), 'used');
    assert.equal(linkProblem(row({ status: 'superseded' }), now), 'superseded');
    assert.equal(linkProblem(row(), linkExpiry(day('2026-12-01'))), 'expired');
  });

  test('an answer counts only for the part as it stands now', () => {
    assert.deepEqual(decisionIssues({ shown: 'abc' }, 'abc'), []);
    assert.equal(decisionIssues({ shown: 'abc' }, 'abd')[0]?.key, 'funding:partnerConfirmation.check.partChanged');
    assert.equal(decisionIssues({ shown: 'abc' }, undefined)[0]?.key, 'funding:partnerConfirmation.check.partGone');
  });
});
