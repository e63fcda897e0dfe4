import type { Alert, AlertKind, RingSnapshot } from '../contract/alert';
import type { CaseEvent, CaseRecord } from '../contract/case';

/** The run whose rings alerts are derived from: its id, when it finished, and the threshold it judged by. */
export interface RunRef {
  id: string;
  finishedAt: string;
  suspectThreshold: number;
}

/** What deriving a run's alerts starts from, read in the transaction that writes its plan. */
export interface AlertRunState {
  /** The run the alerts last saw; the same run twice is a retry and changes nothing. */
  lastRunId: string | null;
  /** The rings as alerts last saw them. */
  previous: RingSnapshot[];
  /** The rings the run left standing (an incremental run keeps the rings of unchanged components), as the graph holds them. */
  standing: RingSnapshot[];
  /** Cases that follow a ring (not merged into another case). */
  cases: CaseRecord[];
  openAlerts: Alert[];
}

/**
 * The rings a run's alerts are about: those it wrote, and the last run's rings it left
 * standing, with the run it built on. The rings it left standing are exactly as that run
 * wrote them, so when the alerts last saw that run they have nothing new to say about them.
 */
export interface RunRings {
  written: readonly string[];
  standing: readonly string[];
  /** The run whose rings `standing` are (the one an incremental run built on); null for a full run. */
  keptFrom: string | null;
}

/** Everything one run changes: alerts and cases in their new form (written whole), history entries, and the rings as now seen. */
export interface AlertPlan {
  alerts: Alert[];
  /** Cases whose ring merged into another case's ring or is gone: their open alerts close, naming nothing left to work. */
  endedCases: string[];
  cases: CaseRecord[];
  events: { caseId: string; event: CaseEvent }[];
  snapshot: RingSnapshot[];
}

export interface AlertQuery {
  since: string | null;
  after: { at: string; id: string } | null;
  limit: number;
  status: Alert['status'] | null;
  kind: AlertKind | null;
  ringId: string | null;
}

/** Webhook delivery state of an alert, kept beside it. */
export interface AlertDelivery {
  /** Delivered up to this version of the alert (each raise is a version); pending while below `version`. */
  version: number;
  deliveredVersion: number;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  deliveredAt: string | null;
}

export type StoredAlert = Alert & { delivery: AlertDelivery };

/**
 * What the alert use cases need from storage. `neo4j/alertStore.ts` implements it; the
 * planning itself is pure (planAlertRun) and runs inside the adapter's one transaction.
 */
export interface AlertStore {
  /**
   * Reads the state, lets `plan` decide, writes the plan, in one transaction; null when the
   * run was already applied. When the alerts last saw the run `rings.keptFrom`, the state
   * leaves out the rings left standing and everything about them only (their snapshots,
   * cases and open alerts), and `plan` decides on the written rings alone: it would find
   * nothing to say about the standing ones.
   */
  applyRun(runId: string, rings: RunRings, plan: (state: AlertRunState) => AlertPlan): Promise<AlertPlan | null>;
  list(query: AlertQuery): Promise<StoredAlert[]>;
  byId(id: string): Promise<StoredAlert | null>;
  /** Alerts raised (or raised again) by one run, with the members of their ring as the run left it. */
  raisedIn(runId: string): Promise<{ alert: Alert; members: string[] }[]>;
}

/** Alerts waiting for a webhook: each is delivered as it is now, and a version raised since is due again. */
export interface AlertOutbox {
  /** Alerts with an undelivered version whose next attempt is due, oldest due first. */
  due(now: string, limit: number): Promise<StoredAlert[]>;
  delivered(alerts: { id: string; version: number }[], at: string): Promise<void>;
  failed(ids: string[], at: string, nextAttemptAt: string, error: string): Promise<void>;
}
