import type { AlertPlan, AlertRunState } from '../../src/alerts/ports';
import { planAlertRun } from '../../src/alerts/planAlertRun';
import { ALERT_DEFAULTS } from '../../src/alerts/riskEvents';
import type { Alert, RingSnapshot } from '../../src/contract/alert';
import type { CaseRecord } from '../../src/contract/case';

/**
 * Alert planning is pure: earlier rings, current rings, cases and open alerts in; alerts,
 * case changes, history and the new snapshot out. Each case states one situation an
 * investigator would meet over days of live data.
 */

const ring = (id: string, members: string[], extra: Partial<RingSnapshot> = {}): RingSnapshot => ({
  id,
  kind: 'complaintCampaign',
  score: 0.6,
  suspected: true,
  members,
  complaints: members.length,
  tools: [{ kind: 'phone', id: `+86138000${id.slice(-4)}` }],
  ...extra,
});
const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
const empty: AlertRunState = { lastRunId: null, previous: [], standing: [], cases: [], openAlerts: [] };

let counter = 0;
const newId = (prefix: string) => `${prefix}-${++counter}`;
const run = (n: number) => ({ id: `run-${n}`, finishedAt: `2024-12-${String(n).padStart(2, '0')}T08:00:00.000Z`, suspectThreshold: 0.3 });
const plan = (state: AlertRunState, current: RingSnapshot[], day = 2) => planAlertRun(state, current, run(day), ALERT_DEFAULTS, newId);

/** The state a store would hold after writing a plan: the snapshot, the cases, the alerts still open. */
function after(state: AlertRunState, p: AlertPlan): AlertRunState {
  const cases = new Map(state.cases.map((c) => [c.id, c]));
  for (const c of p.cases) cases.set(c.id, c);
  const alerts = new Map(state.openAlerts.map((a) => [a.id, a]));
  for (const a of p.alerts) alerts.set(a.id, a);
  for (const a of alerts.values()) if (a.caseId !== null && p.endedCases.includes(a.caseId)) alerts.delete(a.id);
  return { lastRunId: null, previous: p.snapshot, standing: [], cases: [...cases.values()].filter((c) => c.mergedInto === null), openAlerts: [...alerts.values()].filter((a) => a.status === 'open') };
}
const worked = (state: AlertRunState, caseId: string, status: CaseRecord['status'], known: CaseRecord['known'] = null): AlertRunState => ({
  ...state,
  cases: state.cases.map((c) => (c.id === caseId ? { ...c, status, known: known ?? c.known } : c)),
  openAlerts: state.openAlerts.filter((a) => a.caseId !== caseId),
});
const kinds = (p: AlertPlan) => p.alerts.map((a) => `${a.kind}:${a.ringId}`);
const eventsOf = (p: AlertPlan, caseId: string) => p.events.filter((e) => e.caseId === caseId).map((e) => e.event.kind);

describe('When nothing was known and nothing is found', () => {
  test('then the plan raises nothing, opens nothing, and remembers no ring', () => {
    expect(plan(empty, [])).toEqual({ alerts: [], endedCases: [], cases: [], events: [], snapshot: [] });
  });
});

describe('When a suspected gang appears that continues no earlier ring', () => {
  const p = plan(empty, [ring('ring-a', range('a', 5)), ring('ring-s', range('s', 4), { kind: 'sharedOperator', suspected: false })]);
  test('then one newSuspectedRing alert opens a case for it, and the shared-operator cluster raises nothing', () => {
    expect(kinds(p)).toEqual(['newSuspectedRing:ring-a']);
    const [alert] = p.alerts as [Alert];
    expect(alert).toMatchObject({ status: 'open', occurrences: 1, runId: 'run-2', ring: { size: 5, suspected: true } });
    expect(p.cases).toEqual([expect.objectContaining({ id: alert.caseId, ringId: 'ring-a', status: 'open', version: 1, known: null })]);
    expect(eventsOf(p, alert.caseId!)).toEqual(['opened']);
    expect(p.snapshot.map((r) => r.id)).toEqual(['ring-a', 'ring-s']);
  });
});

describe('When a suspected gang grows', () => {
  const day1 = after(empty, plan(empty, [ring('ring-a', range('a', 5))], 1));
  test('then two new members raise nothing, and three raise ringGrew naming them', () => {
    expect(plan(day1, [ring('ring-a', range('a', 7))]).alerts).toEqual([]);
    const p = plan(day1, [ring('ring-a', [...range('a', 5), 'x1', 'x2', 'x3'])]);
    expect(kinds(p)).toEqual(['ringGrew:ring-a']);
    expect(p.alerts[0]).toMatchObject({ change: { added: 3, addedMembers: ['x1', 'x2', 'x3'], removed: 0, previous: { ringId: 'ring-a', size: 5 } } });
  });

  test('then a second growth while the first alert is open updates that alert, and once the case is worked a new one opens', () => {
    const grew = plan(day1, [ring('ring-a', range('a', 8))]);
    const day2 = after(day1, grew);
    const again = plan(day2, [ring('ring-a', range('a', 11))], 3);
    expect(again.alerts).toHaveLength(1);
    expect(again.alerts[0]).toMatchObject({ id: grew.alerts[0]!.id, occurrences: 2, runId: 'run-3', firstRaisedAt: grew.alerts[0]!.firstRaisedAt });
    const caseId = grew.alerts[0]!.caseId!;
    const fresh = plan(worked(day2, caseId, 'investigating'), [ring('ring-a', range('a', 11))], 3);
    expect(fresh.alerts[0]!.id).not.toBe(grew.alerts[0]!.id);
    expect(fresh.alerts[0]).toMatchObject({ kind: 'ringGrew', caseId, occurrences: 1 });
  });
});

describe('When two suspected gangs merge into one ring', () => {
  const day1 = after(empty, plan(empty, [ring('ring-a', range('a', 5)), ring('ring-b', range('b', 4))], 1));
  const [caseA, caseB] = ['ring-a', 'ring-b'].map((id) => day1.cases.find((c) => c.ringId === id)!.id);
  const p = plan(day1, [ring('ring-a', [...range('a', 5), ...range('b', 4)])]);
  test('then ringsMerged names both earlier rings and their cases, the continuing case keeps the ring, and the other says it merged', () => {
    expect(kinds(p)).toEqual(['ringsMerged:ring-a']);
    expect(p.alerts[0]).toMatchObject({ caseId: caseA, change: { from: [{ ringId: 'ring-a', sharedMembers: 5, caseId: caseA }, { ringId: 'ring-b', sharedMembers: 4, caseId: caseB }] } });
    expect(p.cases.find((c) => c.id === caseB)).toMatchObject({ mergedInto: caseA, ringId: 'ring-b' });
    expect(p.events.find((e) => e.caseId === caseB)!.event).toMatchObject({ kind: 'mergedInto', ringId: 'ring-a', otherCaseId: caseA });
  });
  test("then the merged case's open alert is closed, and the continuing case's stays open", () => {
    expect(day1.openAlerts.map((a) => a.caseId).sort()).toEqual([caseA, caseB].sort());
    expect(p.endedCases).toEqual([caseB]);
    expect([...new Set(after(day1, p).openAlerts.map((a) => a.caseId))]).toEqual([caseA]);
  });
});

describe('When two rings merge into a ring with a new id', () => {
  test('then the case of the ring it mostly continues follows it, even when the other case is older', () => {
    const older = after(empty, plan(empty, [ring('ring-b', range('b', 3))], 1));
    const both = after(older, plan(older, [ring('ring-b', range('b', 3)), ring('ring-a', range('a', 8))], 2));
    const caseA = both.cases.find((c) => c.ringId === 'ring-a')!.id;
    const caseB = both.cases.find((c) => c.ringId === 'ring-b')!.id;
    const p = plan(both, [ring('ring-m', [...range('a', 8), ...range('b', 3)])], 3);
    expect(p.cases.find((c) => c.id === caseA)).toMatchObject({ ringId: 'ring-m', mergedInto: null });
    expect(p.cases.find((c) => c.id === caseB)).toMatchObject({ ringId: 'ring-b', mergedInto: caseA });
    expect(p.alerts).toEqual([expect.objectContaining({ kind: 'ringsMerged', caseId: caseA })]);
  });
});

describe('When a suspected gang splits in two', () => {
  const day1 = after(empty, plan(empty, [ring('ring-a', range('a', 10))], 1));
  const caseA = day1.cases[0]!.id;
  const p = plan(day1, [ring('ring-x', range('a', 6)), ring('ring-y', range('a', 10).slice(6))]);
  test('then each suspected part raises ringSplit listing both parts, and the case follows the part holding most of it', () => {
    expect(kinds(p).sort()).toEqual(['ringSplit:ring-x', 'ringSplit:ring-y']);
    expect(p.alerts.find((a) => a.ringId === 'ring-x')).toMatchObject({ caseId: caseA, change: { parts: [{ ringId: 'ring-x', sharedMembers: 6 }, { ringId: 'ring-y', sharedMembers: 4 }] } });
    expect(p.cases.find((c) => c.id === caseA)).toMatchObject({ ringId: 'ring-x' });
    expect(p.events.find((e) => e.caseId === caseA && e.event.kind === 'ringContinued')!.event).toMatchObject({ fromRingId: 'ring-a', ringId: 'ring-x' });
    expect(p.alerts.find((a) => a.ringId === 'ring-y')!.caseId).not.toBe(caseA);
  });
});

describe('When a shared-operator cluster becomes a suspected gang', () => {
  const day1 = after(empty, plan(empty, [ring('ring-s', range('s', 4), { kind: 'sharedOperator', suspected: false, score: 0.4 })], 1));
  test('then scoreCrossedThreshold says what it was and the threshold it crossed', () => {
    const p = plan(day1, [ring('ring-s', range('s', 4), { score: 0.45 })]);
    expect(kinds(p)).toEqual(['scoreCrossedThreshold:ring-s']);
    expect(p.alerts[0]).toMatchObject({ change: { threshold: 0.3, previous: { kind: 'sharedOperator', suspected: false } }, ring: { kind: 'complaintCampaign', suspected: true } });
  });
});

describe('When a judged ring gains what its case had not seen', () => {
  const day1 = after(empty, plan(empty, [ring('ring-a', range('a', 5))], 1));
  const caseA = day1.cases[0]!.id;
  const known = { members: range('a', 5), complaints: 5, tools: ring('ring-a', []).tools };

  test('then a dismissed ring reopens, saying which members, complaints and tools are new, and is not raised again for the same news', () => {
    const grown = ring('ring-a', [...range('a', 5), 'n1'], { complaints: 7, tools: [...known.tools, { kind: 'device', id: 'dev-9' }] });
    const p = plan(worked(day1, caseA, 'dismissed', known), [grown]);
    expect(kinds(p)).toEqual(['reviewedRingChanged:ring-a']);
    expect(p.alerts[0]).toMatchObject({ caseId: caseA, change: { verdict: 'dismissed', reopened: true, newMembers: 1, newMemberIds: ['n1'], newComplaints: 2, newTools: [{ kind: 'device', id: 'dev-9' }] } });
    const reopened = p.cases.find((c) => c.id === caseA)!;
    expect(reopened).toMatchObject({ status: 'open', reopened: 1 });
    expect(p.events.find((e) => e.event.kind === 'reopened')!.event).toMatchObject({ newMembers: ['n1'], newComplaints: 2 });
    // Confirmed again on what it now knows: the same ring the next day is no news.
    const next = worked(after(day1, p), caseA, 'confirmed', reopened.known);
    expect(plan(next, [grown], 3).alerts).toEqual([]);
  });

  test('then a confirmed ring raises the alert but stays confirmed, and a gang that only shrank raises nothing', () => {
    const p = plan(worked(day1, caseA, 'confirmed', known), [ring('ring-a', [...range('a', 5), 'n1', 'n2'])]);
    expect(p.alerts[0]).toMatchObject({ kind: 'reviewedRingChanged', change: { verdict: 'confirmed', reopened: false, newMembers: 2 } });
    expect(p.cases.find((c) => c.id === caseA)!.status).toBe('confirmed');
    expect(plan(worked(day1, caseA, 'dismissed', known), [ring('ring-a', range('a', 4), { complaints: 4 })]).alerts).toEqual([]);
  });
});

describe('When a ring disappears', () => {
  test('then its case says so once, and keeps its ring id for the day the ring comes back', () => {
    const day1 = after(empty, plan(empty, [ring('ring-a', range('a', 5))], 1));
    const gone = plan(day1, []);
    expect(gone.alerts).toEqual([]);
    expect(gone.events.map((e) => e.event.kind)).toEqual(['ringGone']);
    // Its open alert names a ring that no longer is: closed with it.
    expect(day1.openAlerts).toHaveLength(1);
    expect(gone.endedCases).toEqual([day1.cases[0]!.id]);
    expect(after(day1, gone).openAlerts).toEqual([]);
    expect(plan(after(day1, gone), [], 3).events).toEqual([]);
    expect(gone.cases[0]).toMatchObject({ ringId: 'ring-a', mergedInto: null });
  });
});
