import { randomUUID } from 'node:crypto';
import { knownRing } from '../alerts/reviewedRingChange';
import type { RingSnapshot } from '../contract/alert';
import { caseEvent, isVerdict, type CaseEvent, type CaseRecord, type CaseStatus } from '../contract/case';
import type { Principal } from '../auth/roles';
import { AppError } from '../errors';
import type { Review } from '../investigation/schemas/review';
import { VerdictSchema } from '../investigation/schemas/review';
import { checkTransition } from './caseTransitions';
import type { CaseChange, CaseStore } from './ports';
import type { CaseUpdateRequest } from './schemas';

export const principalName = (p: Principal) => `${p.role}:${p.keyFingerprint}`;

const newId = (prefix: string) => `${prefix}-${randomUUID()}`;

/** A case status that is also a review verdict is written as a review of the ring, so the ring's pages show the case's verdict. */
const asVerdict = (status: CaseStatus) => VerdictSchema.safeParse(status).data ?? null;

/**
 * One person's change to a case, as a plan: check the version and the transition, then
 * record each part (status, assignee, note) in the history. A verdict remembers the ring
 * as it is now, so later alerts say only what is new to it; any status change means
 * someone worked the case, so its open alerts close.
 */
export function planCaseUpdate(current: CaseRecord, ring: RingSnapshot | null, request: CaseUpdateRequest, by: string, at: string, id: (prefix: string) => string = newId): CaseChange {
  if (request.ifVersion !== undefined && request.ifVersion !== current.version) {
    throw new AppError(409, 'case_changed', `Case ${current.id} is at version ${current.version}, not ${request.ifVersion}: read it again and retry`, [{ path: 'ifVersion', message: `the case is at version ${current.version}` }]);
  }
  const next: CaseRecord = { ...current };
  const events: CaseEvent[] = [];
  let review: Review | null = null;
  const statusChanged = request.status !== undefined && request.status !== current.status;
  if (statusChanged) {
    checkTransition(current.id, current.status, request.status!);
    next.status = request.status!;
    if (isVerdict(next.status) && ring) next.known = knownRing(ring);
    events.push(caseEvent(id('event'), at, by, 'status', { status: next.status, note: request.note ?? null }));
    const verdict = asVerdict(next.status);
    if (verdict) review = { id: id('rev'), ringId: current.ringId, verdict, note: request.note ?? '', at, by };
  }
  if (request.assignee !== undefined && request.assignee !== current.assignee) {
    next.assignee = request.assignee;
    events.push(caseEvent(id('event'), at, by, 'assigned', { assignee: request.assignee }));
  }
  if (request.note !== undefined && !statusChanged) events.push(caseEvent(id('event'), at, by, 'note', { note: request.note }));
  if (events.length > 0) Object.assign(next, { updatedAt: at, version: current.version + events.length });
  return { case: next, events, closeAlerts: statusChanged, review };
}

export async function updateCase(store: CaseStore, principal: Principal, caseId: string, request: CaseUpdateRequest, now: Date = new Date()): Promise<CaseRecord> {
  const at = now.toISOString();
  const updated = await store.change(caseId, (current, ring) => planCaseUpdate(current, ring, request, principalName(principal), at));
  if (!updated) throw new AppError(404, 'not_found', `No case "${caseId}"`);
  return updated;
}
