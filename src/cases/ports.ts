import type { StoredAlert } from '../alerts/ports';
import type { RingSnapshot } from '../contract/alert';
import type { Case, CaseEvent, CaseRecord, CaseStatus } from '../contract/case';
import type { Review } from '../investigation/schemas/review';

/** What one change of a case writes: the case whole, its new history, and what goes with it. */
export interface CaseChange {
  case: CaseRecord;
  events: CaseEvent[];
  /** A person worked the case: its open alerts are closed. */
  closeAlerts: boolean;
  /** A verdict recorded as a review of the ring too, so ring pages and lists show it. */
  review: Review | null;
}

export interface CaseQuery {
  status: CaseStatus | null;
  assignee: string | null;
  after: { at: string; id: string } | null;
  limit: number;
}

export interface CaseDetailRecord {
  case: Case;
  /** The ring it follows, as the last run wrote it; null when the ring is gone. */
  ring: RingSnapshot | null;
  openAlerts: StoredAlert[];
  history: CaseEvent[];
  historyTotal: number;
}

/**
 * What the case use cases need from storage. The decisions are pure functions handed to
 * the adapter, which runs them inside the transaction that reads and writes the case, so
 * two investigators updating one case cannot both win on a stale read.
 */
export interface CaseStore {
  list(query: CaseQuery): Promise<Case[]>;
  detail(id: string, historyLimit: number): Promise<CaseDetailRecord | null>;
  /** Null when there is no such case; `decide` may throw to refuse the change (nothing is written). */
  change(caseId: string, decide: (current: CaseRecord, ring: RingSnapshot | null) => CaseChange): Promise<CaseRecord | null>;
  /**
   * The case following a ring, created by `decide` when there is none, with a review written
   * in the same transaction. Null when there is no such ring.
   */
  changeForRing(ringId: string, decide: (current: CaseRecord | null, ring: RingSnapshot) => CaseChange): Promise<CaseRecord | null>;
}
