import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/roles';
import type { RingStore } from './ports';
import { unknownRing } from './ringMembers';
import type { Review, ReviewRequest } from './schemas/review';

/**
 * Records an investigator's verdict on a ring. Reviews are stored apart from the ring,
 * keyed by its id, so they outlive the analysis run that found it: the next run keeps
 * the id of a ring that persists, and its review history comes along.
 */
export async function reviewRing(store: RingStore, reviewer: Principal, ringId: string, request: ReviewRequest, now: Date = new Date()): Promise<Review> {
  const review: Review = {
    id: `rev-${randomUUID()}`,
    ringId,
    verdict: request.verdict,
    note: request.note,
    at: now.toISOString(),
    by: `${reviewer.role}:${reviewer.keyFingerprint}`,
  };
  const stored = await store.addReview(review);
  if (!stored) throw unknownRing(ringId);
  return stored;
}
