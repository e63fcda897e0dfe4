import type { Alert, AlertEvent, RingSnapshot } from '../contract/alert';
import { caseEvent, isVerdict, type CaseEvent, type CaseRecord } from '../contract/case';
import type { AlertPlan, AlertRunState, RunRef } from './ports';
import { knownRing, learn, newEvidence } from './reviewedRingChange';
import { riskEvent, type AlertSettings } from './riskEvents';
import { ringSuccession, type Succession } from './ringSuccession';

export const SYSTEM = 'system';

/**
 * One run's alerts, as a plan: cases follow their rings to the rings that continue them;
 * each current ring raises at most one event (a judged ring: new evidence against its
 * verdict; any other suspected gang: what changed in its risk); each event opens a case
 * or updates its ring's, and updates the case's open alert of the same kind rather than
 * adding a second (one open alert per ring and reason). Pure: ids come from `newId`.
 */
export function planAlertRun(state: AlertRunState, current: readonly RingSnapshot[], run: RunRef, settings: AlertSettings, newId: (prefix: string) => string): AlertPlan {
  const succession = ringSuccession(state.previous, current, settings.minShared);
  const caseWas = new Map(state.cases.map((c) => [c.ringId, c.id]));
  const work = new CaseWork(state.cases, run.finishedAt, newId);
  const endedCases = followRings(work, state.previous, current, succession);

  const open = new Map(state.openAlerts.map((a) => [`${a.caseId}\u0000${a.kind}`, a]));
  const alerts: Alert[] = [];
  for (const ring of [...current].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const followed = work.ofRing(ring.id);
    const event = followed && isVerdict(followed.status) ? verdictEvent(work, followed, ring) : riskEvent(ring, succession, settings, run.suspectThreshold, (id) => caseWas.get(id) ?? null);
    if (!event) continue;
    const c = followed ?? work.open(ring.id);
    const existing = open.get(`${c.id}\u0000${event.kind}`);
    const alert = raise(event, existing, c.id, run, newId);
    alerts.push(alert);
    work.note(c, existing || followed ? 'alert' : 'opened', { alertId: alert.id, alertKind: alert.kind, status: c.status });
  }
  return { alerts, endedCases, cases: work.changed(), events: work.events, snapshot: [...current] };
}

/** The case of a judged ring learns what is new; a dismissed or closed one reopens, saying what. */
function verdictEvent(work: CaseWork, c: CaseRecord, ring: RingSnapshot): AlertEvent | null {
  if (!c.known) {
    // Judged before its ring was known (an older record): start from the ring as it is.
    work.update(c, { known: knownRing(ring) });
    return null;
  }
  const found = newEvidence(ring, c.known);
  if (!found) return null;
  const verdict = c.status as 'confirmed' | 'dismissed' | 'closed';
  const reopened = verdict !== 'confirmed';
  work.update(c, { known: learn(c.known, ring), ...(reopened ? { status: 'open' as const, reopened: c.reopened + 1 } : {}) });
  if (reopened) work.note(c, 'reopened', { status: 'open', newMembers: found.newMemberIds, newComplaints: found.newComplaints, newTools: found.newTools });
  return { kind: 'reviewedRingChanged', ringId: ring.id, ring: { kind: ring.kind, score: ring.score, suspected: ring.suspected, size: new Set(ring.members).size, complaints: ring.complaints }, change: { verdict, reopened, ...found } };
}

/**
 * Cases whose ring id is gone move to the ring continuing it, or say it merged into another
 * case's ring, or that it is gone. When two cases' rings continue into one ring, the case of
 * the ring it mostly continues keeps it (then the older case). Returns the ids of the cases
 * whose ring merged or went in this run.
 */
function followRings(work: CaseWork, previous: readonly RingSnapshot[], current: readonly RingSnapshot[], succession: Succession): string[] {
  const ended: string[] = [];
  const currentIds = new Set(current.map((r) => r.id));
  const previousIds = new Set(previous.map((r) => r.id));
  const main = (c: CaseRecord) => {
    const next = succession.successor.get(c.ringId);
    return next !== undefined && succession.predecessor.get(next.id)?.id === c.ringId ? 0 : 1;
  };
  const moving = work.following().filter((c) => !currentIds.has(c.ringId));
  for (const c of moving.map((c, order) => ({ c, order })).sort((a, b) => main(a.c) - main(b.c) || a.order - b.order).map(({ c }) => c)) {
    const next = succession.successor.get(c.ringId);
    if (!next) {
      // Said once, on the run after which the ring was last seen.
      if (previousIds.has(c.ringId)) {
        work.note(c, 'ringGone', { ringId: c.ringId });
        ended.push(c.id);
      }
      continue;
    }
    const holder = work.ofRing(next.id);
    if (holder) {
      work.update(c, { mergedInto: holder.id });
      work.note(c, 'mergedInto', { ringId: next.id, otherCaseId: holder.id });
      ended.push(c.id);
    } else {
      const from = c.ringId;
      work.update(c, { ringId: next.id });
      work.note(c, 'ringContinued', { ringId: next.id, fromRingId: from });
    }
  }
  return ended;
}

function raise(event: AlertEvent, existing: Alert | undefined, caseId: string, run: RunRef, newId: (prefix: string) => string): Alert {
  const common = { ringId: event.ringId, ring: event.ring, raisedAt: run.finishedAt, runId: run.id, caseId, status: 'open' as const };
  if (existing) return { ...existing, ...common, kind: event.kind, change: event.change, occurrences: existing.occurrences + 1 } as Alert;
  return { id: newId('alert'), firstRaisedAt: run.finishedAt, occurrences: 1, ...common, kind: event.kind, change: event.change } as Alert;
}

/** The cases being worked on during one plan: lookups by ring, changes, and history entries. */
class CaseWork {
  private readonly byId = new Map<string, CaseRecord>();
  /** Ring id → the case following it. */
  private readonly byRing = new Map<string, CaseRecord>();
  private readonly touched = new Set<string>();
  readonly events: { caseId: string; event: CaseEvent }[] = [];

  constructor(
    cases: readonly CaseRecord[],
    private readonly at: string,
    private readonly newId: (prefix: string) => string,
  ) {
    for (const c of cases) this.byId.set(c.id, { ...c });
    for (const c of this.following().reverse()) this.byRing.set(c.ringId, c);
  }

  /** Oldest first, so when two cases' rings continue into one ring, the older investigation keeps it. */
  following(): CaseRecord[] {
    const order = (a: CaseRecord, b: CaseRecord) => (a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : a.id < b.id ? -1 : 1);
    return [...this.byId.values()].filter((c) => c.mergedInto === null).sort(order);
  }

  ofRing(ringId: string): CaseRecord | undefined {
    return this.byRing.get(ringId);
  }

  open(ringId: string): CaseRecord {
    // Version 0 until its first history entry ("opened") is written, like every change after it.
    const c: CaseRecord = { id: this.newId('case'), ringId, status: 'open', assignee: null, openedAt: this.at, updatedAt: this.at, version: 0, mergedInto: null, reopened: 0, known: null };
    this.byId.set(c.id, c);
    this.byRing.set(ringId, c);
    this.touched.add(c.id);
    return c;
  }

  update(c: CaseRecord, change: Partial<CaseRecord>): void {
    if (this.byRing.get(c.ringId) === c) this.byRing.delete(c.ringId);
    Object.assign(c, change, { updatedAt: this.at, version: c.version + 1 });
    if (c.mergedInto === null && !this.byRing.has(c.ringId)) this.byRing.set(c.ringId, c);
    this.touched.add(c.id);
  }

  /** A history entry; like every change it counts in the case's version. */
  note(c: CaseRecord, kind: CaseEvent['kind'], facts: Partial<CaseEvent>): void {
    this.events.push({ caseId: c.id, event: caseEvent(this.newId('event'), this.at, SYSTEM, kind, facts) });
    this.update(c, {});
  }

  changed(): CaseRecord[] {
    return [...this.touched].map((id) => this.byId.get(id)!);
  }
}
