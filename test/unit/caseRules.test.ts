import { alertSummary } from '../../src/alerts/alertWording';
import { redactAlert } from '../../src/alerts/listAlerts';
import { canMove, NEXT_STATUSES } from '../../src/cases/caseTransitions';
import { planReview } from '../../src/cases/recordReview';
import { planCaseUpdate } from '../../src/cases/updateCase';
import type { Alert, RingSnapshot } from '../../src/contract/alert';
import { CASE_STATUSES, type CaseRecord } from '../../src/contract/case';
import { AppError } from '../../src/errors';
import { maskedAccess } from '../../src/investigation/redaction';

let n = 0;
const id = (prefix: string) => `${prefix}-${++n}`;
const ring: RingSnapshot = { id: 'ring-a', kind: 'complaintCampaign', score: 0.7, suspected: true, members: ['b2', 'b1'], complaints: 3, tools: [{ kind: 'phone', id: '+8613812345678' }] };
const open: CaseRecord = { id: 'case-1', ringId: 'ring-a', status: 'open', assignee: null, openedAt: '2024-12-01T00:00:00.000Z', updatedAt: '2024-12-01T00:00:00.000Z', version: 1, mergedInto: null, reopened: 0, known: null };
const at = '2024-12-02T09:00:00.000Z';
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return error instanceof AppError ? { status: error.status, code: error.code } : error;
  }
  return null;
};

describe('When a case changes status', () => {
  test('then open, investigating, confirmed and dismissed follow one another freely, anything can close, and a closed case must be reopened before a verdict', () => {
    const working = ['open', 'investigating', 'confirmed', 'dismissed'] as const;
    for (const from of working) for (const to of [...working, 'closed' as const]) expect([from, to, canMove(from, to)]).toEqual([from, to, true]);
    expect(NEXT_STATUSES.closed).toEqual(['open', 'investigating']);
    expect(canMove('closed', 'confirmed')).toBe(false);
    expect(CASE_STATUSES.every((s) => canMove(s, s))).toBe(true);
  });

  test('then a verdict remembers the ring as it is, is recorded as a review, closes the alerts, and counts each history entry in the version', () => {
    const change = planCaseUpdate(open, ring, { status: 'dismissed', assignee: 'li.wei', note: 'a household' }, 'investigator:abc', at, id);
    expect(change.case).toMatchObject({ status: 'dismissed', assignee: 'li.wei', updatedAt: at, version: 3, known: { members: ['b1', 'b2'], complaints: 3 } });
    expect(change.events.map((e) => [e.kind, e.status, e.assignee, e.note])).toEqual([
      ['status', 'dismissed', null, 'a household'],
      ['assigned', null, 'li.wei', null],
    ]);
    expect(change.closeAlerts).toBe(true);
    expect(change.review).toMatchObject({ ringId: 'ring-a', verdict: 'dismissed', note: 'a household', by: 'investigator:abc' });
  });

  test('then a note or an assignee alone changes no status, closes no alert and writes no review; open and closed are no review verdicts', () => {
    const noted = planCaseUpdate(open, ring, { note: 'called the regulator' }, 'investigator:abc', at, id);
    expect(noted).toMatchObject({ closeAlerts: false, review: null, case: { status: 'open', version: 2 } });
    expect(noted.events.map((e) => e.kind)).toEqual(['note']);
    expect(planCaseUpdate(open, ring, { status: 'closed' }, 'investigator:abc', at, id).review).toBeNull();
  });

  test('then a stale version or a forbidden move is refused with 409 before anything is planned', () => {
    expect(refusal(() => planCaseUpdate(open, ring, { note: 'x', ifVersion: 7 }, 'investigator:abc', at, id))).toEqual({ status: 409, code: 'case_changed' });
    expect(refusal(() => planCaseUpdate({ ...open, status: 'closed' }, ring, { status: 'confirmed' }, 'investigator:abc', at, id))).toEqual({ status: 409, code: 'invalid_transition' });
  });
});

describe('When a ring is reviewed', () => {
  const review = { id: 'rev-1', ringId: 'ring-a', verdict: 'confirmed' as const, note: 'same voice', at, by: 'investigator:abc' };
  test('then a ring without a case gets one, opened and judged at once', () => {
    const change = planReview(null, ring, review, id);
    expect(change.case).toMatchObject({ ringId: 'ring-a', status: 'confirmed', version: 2, known: { members: ['b1', 'b2'] } });
    expect(change.events.map((e) => e.kind)).toEqual(['opened', 'review']);
    expect(change.review).toBe(review);
  });
  test('then a closed case refuses it like any verdict', () => {
    expect(refusal(() => planReview({ ...open, status: 'closed' }, ring, review, id))).toEqual({ status: 409, code: 'invalid_transition' });
  });
});

describe('When an alert is put in words for a viewer', () => {
  test('then the sentence says what changed, and phones among new tools are masked in the facts', () => {
    const alert: Alert = {
      id: 'alert-1', kind: 'reviewedRingChanged', ringId: 'ring-a', status: 'open', firstRaisedAt: at, raisedAt: at, runId: 'run-1', occurrences: 1, caseId: 'case-1',
      ring: { kind: 'complaintCampaign', score: 0.7, suspected: true, size: 3, complaints: 5 },
      change: { verdict: 'dismissed', newMembers: 1, newMemberIds: ['b3'], newComplaints: 2, newTools: [{ kind: 'phone', id: '+8613812345678' }], reopened: true },
    };
    const shown = redactAlert(alert, maskedAccess);
    expect(shown.kind === 'reviewedRingChanged' && shown.change.newTools).toEqual([{ kind: 'phone', id: '+86138****5678' }]);
    expect(alertSummary(shown)).toBe('Ring ring-a, dismissed, shows 1 new member, 2 new complaints and 1 new tool (phone); its case is open again.');
    const grew: Alert = { ...alert, kind: 'ringGrew', ring: { ...alert.ring, size: 8 }, change: { previous: { ringId: 'ring-a', kind: 'complaintCampaign', score: 0.6, suspected: true, size: 5, complaints: 4 }, added: 4, addedMembers: ['x'], removed: 1 } };
    expect(alertSummary(grew)).toBe('Suspected gang ring-a grew by 4 members since the last run (5 → 8), score 0.70.');
    const fresh: Alert = { ...alert, kind: 'newSuspectedRing', ring: { ...alert.ring, complaints: 1 }, change: {} };
    expect(alertSummary(fresh)).toBe('New suspected gang ring-a (3 members, score 0.70, 1 complaint).');
  });
});
