import type { AnalysisRun, AnalysisScope, RunTimings } from '../contract/analysisRun';
import type { PlanState } from '../detection/planChanges';
import type { IncrementalSource } from './analysisScope';
import type { AbandonedRun } from './runLease';
import type { Hub, PreviousRing, Ring } from '../contract/ring';
import type { DetectionStats } from '../detection';
import type { EvidenceSource } from './detectByComponents';

/**
 * What the analysis use case needs from storage, in contract types. `neo4j/` implements
 * it; the use case never sees a driver or a Cypher string, and a test can run it against
 * the real adapter.
 */
/** What a run leaves besides its rings: the last run's rings it keeps, the plan it saw, and what it examined. */
export interface RunOutcome {
  keep: string[];
  plan: PlanState;
  scope: AnalysisScope;
}

export interface AnalysisStore extends EvidenceSource, IncrementalSource {
  /** The rings the last run wrote, with their members, so ring ids stay stable. */
  previousRings(): Promise<PreviousRing[]>;
  /** Records a run as started (status running) before any work, so it can be found even if the process dies. */
  startRun(run: Pick<AnalysisRun, 'id' | 'startedAt' | 'codeVersion' | 'options' | 'replayOf'>): Promise<void>;
  /**
   * Replaces the rings with this run's (except those kept), records the plan, and marks the
   * run succeeded: the replacement, the plan and the outcome in one transaction, the rings
   * written before it out of every reader's sight. It refuses (runDeclaredAbandoned) when
   * the run was declared abandoned meanwhile, leaving the last run's rings in place. `timings` hold read and detect, and the
   * total so far; it returns them as recorded, with the write's own time, also added to the total.
   */
  finishRun(run: Pick<AnalysisRun, 'id' | 'finishedAt'> & { timings: Omit<RunTimings, 'write'> }, result: { rings: Ring[]; hubs: Hub[]; stats: DetectionStats }, outcome: RunOutcome): Promise<RunTimings>;
  failRun(id: string, finishedAt: string, error: string): Promise<void>;
  /** Refreshes a running run's sign of life (runLease.ts); false when the run no longer runs. */
  keepRunAlive(id: string): Promise<boolean>;
  /** Records as failed the runs still running with no sign of life for longer than `leaseMs`, and returns them. */
  failAbandonedRuns(leaseMs: number): Promise<AbandonedRun[]>;
  run(id: string): Promise<AnalysisRun | null>;
  /** The latest finished or failed runs, newest first. */
  runs(limit: number): Promise<AnalysisRun[]>;
  /** The most suspicious rings a run wrote, while they are the current ones. */
  topRings(runId: string, limit: number): Promise<{ id: string; score: number; size: number; topSignals: string[] }[]>;
}

/**
 * Told once a run's rings are in place: those it wrote, and the ids of the last run's rings
 * it left standing (an incremental run keeps the rings of unchanged components), with the
 * run it kept them from (`keptFrom`, null for a full run); alerts and cases are derived
 * from both. It must not reject: the run has succeeded by then, and its rings are in
 * place whatever the listener does.
 */
export type RingsReplacedListener = (
  rings: readonly Ring[],
  run: { id: string; finishedAt: string; suspectThreshold: number; keptFrom: string | null },
  standingRingIds: readonly string[],
) => Promise<void>;
