import { randomUUID } from 'node:crypto';
import { knownRing } from '../alerts/reviewedRingChange';
import type { RingSnapshot } from '../contract/alert';
import { caseEvent, type CaseRecord } from '../contract/case';
import type { Principal } from '../auth/roles';
import { unknownRing } from '../investigation/ringMembers';
import type { Review, ReviewRequest } from '../investigation/schemas/review';
import { checkTransition } from './caseTransitions';
import type { CaseChange, CaseStore } from './ports';
import { principalName } from './updateCase';

const newId = (prefix: string) => `${prefix}-${randomUUID()}`;

/**
 * A review is a verdict on the ring's case (POST /v1/rings/{id}/reviews, as before cases
 * existed): it opens the case when the ring has none, sets its status to the verdict under
 * the same transitions as any change, remembers the ring as judged, closes its open alerts,
 * and is stored as the ring's review in the same transaction.
 */
export function planReview(current: CaseRecord | null, ring: RingSnapshot, review: Review, id: (prefix: string) => string = newId): CaseChange {
  const base: CaseRecord = current ?? { id: id('case'), ringId: ring.id, status: 'open', assignee: null, openedAt: review.at, updatedAt: review.at, version: 0, mergedInto: null, reopened: 0, known: null };
  checkTransition(base.id, base.status, review.verdict);
  const events = [
    ...(current ? [] : [caseEvent(id('event'), review.at, review.by, 'opened', { status: 'open' })]),
    caseEvent(id('event'), review.at, review.by, 'review', { status: review.verdict, note: review.note }),
  ];
  const known = review.verdict === 'investigating' ? base.known : knownRing(ring);
  return { case: { ...base, status: review.verdict, known, updatedAt: review.at, version: base.version + events.length }, events, closeAlerts: true, review };
}

export async function recordReview(store: CaseStore, reviewer: Principal, ringId: string, request: ReviewRequest, now: Date = new Date()): Promise<Review> {
  const review: Review = { id: newId('rev'), ringId, verdict: request.verdict, note: request.note, at: now.toISOString(), by: principalName(reviewer) };
  const recorded = await store.changeForRing(ringId, (current, ring) => planReview(current, ring, review));
  if (!recorded) throw unknownRing(ringId);
  return review;
}
