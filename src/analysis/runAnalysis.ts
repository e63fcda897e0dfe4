import { randomUUID } from 'node:crypto';
import type { AnalysisRun, AnalysisScope, DetectionStats, RunTimings } from '../contract/analysisRun';
import { topSignals, type PreviousRing, type Ring } from '../contract/ring';
import { parseDetectionOptions, type DetectionOptions, type DetectionOptionsInput } from '../detection';
import { plainOptions } from '../detection/options';
import type { ComponentPlan, PlanInputs } from '../detection/componentPlan';
import { detectComponents, planAnalysis, type ComponentProgress, type SourceTimings } from './detectByComponents';
import { analysisScope, scopeBasis, touchedSinceLastRun, type ScopeBasis, type ScopeDecision, type ScopeRequest } from './analysisScope';
import { planState, type PlanState } from '../detection/planChanges';
import { AppError } from '../errors';
import { codeVersion } from '../version';
import type { AnalysisStore, RingsReplacedListener } from './ports';
import type { PlanInputsCache } from './planInputsCache';
import { collectGarbage } from './analysisHeap';
import { HEARTBEAT_MS, repeatEvery, RUN_LEASE_MS } from './runLease';

export type AnalysisStage = 'reading' | 'detecting' | 'writing' | 'done';

export interface AnalysisProgress {
  stage: AnalysisStage;
  /** The detection core's own stage while detecting (links, projection, communities, scoring...). */
  step?: string;
  done: number;
  total: number;
}

export interface AnalysisSummary {
  runId: string;
  startedAt: string;
  finishedAt: string;
  stats: DetectionStats;
  /** Suspected gangs standing after the run: those it wrote and, in an incremental run, those it kept. */
  suspected: number;
  /** Rings written: suspected gangs and shared-operator clusters. */
  written: number;
  hubs: number;
  /** Milliseconds per stage of the whole run: read, detect (with the core's own stages), write. */
  timings: RunTimings;
  /** What the run examined: every component, or those changed since the last run (the rest of the rings stand). */
  scope: AnalysisScope;
  topRings: { id: string; score: number; size: number; topSignals: string[] }[];
}

/** What a caller may ask of a run: detection options (defaults fill the rest), a replay, or an override. */
export interface AnalysisRequest {
  options?: Omit<Partial<DetectionOptionsInput>, 'onProgress'>;
  /** Replaces the last run's rings even when this run finds none. */
  force?: boolean;
  replayOf?: string | null;
  /** Borrowers read and detected at once; the rings are the same for any size. */
  batchBorrowers?: number;
  /** Examine every component, even when the last run's plan would allow only the changed ones. */
  full?: boolean;
  /** Batches read and detected at once on worker threads (1: in this process); the rings are the same for any number. */
  workers?: number;
  /** Fail before reading any component when the run would examine every one (a day's rehearsal, dayRehearsal.ts). */
  onlyIfIncremental?: boolean;
}

export const newRunId = () => `run-${new Date().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${randomUUID().slice(0, 8)}`;

/** Every option the run will use, defaults filled in, as plain data that can be stored and replayed. */
export function effectiveOptions(options: AnalysisRequest['options'] = {}): Record<string, unknown> {
  return plainOptions(parseDetectionOptions(options));
}

export const noRingsFound = (previous: number) =>
  new AppError(
    409,
    'degenerate_run',
    `The analysis found no suspected ring while the last run found ${previous}; the last run's rings were kept. Check the options, or pass "force": true to replace them anyway.`,
  );

/**
 * One analysis, as a story: record the run → plan components where the data is → decide
 * which to examine (all, or those changed since the last run) → read and detect them
 * batch by batch (keeping the ids of the last run's rings) → write their rings, members,
 * tools and the run's outcome, leaving the rings of unchanged components standing.
 * A run that finds nothing where the last found rings fails instead of wiping them; a
 * failed run is recorded with its error and leaves the last good rings in place. While it
 * works it gives a sign of life, and it fails the runs whose process died (runLease.ts).
 */
export async function runAnalysis(
  store: AnalysisStore,
  request: AnalysisRequest = {},
  onProgress: (p: AnalysisProgress) => void = () => {},
  runId: string = newRunId(),
  onRingsReplaced?: RingsReplacedListener,
  planCache: PlanInputsCache | null = null,
): Promise<AnalysisSummary> {
  const options = effectiveOptions(request.options);
  const startedAt = new Date().toISOString();
  const version = codeVersion();
  await store.startRun({ id: runId, startedAt, codeVersion: version, options, replayOf: request.replayOf ?? null });
  const stopBeating = repeatEvery(() => store.keepRunAlive(runId), HEARTBEAT_MS);
  try {
    const t0 = Date.now();
    // Runs whose process died are failed here, so the clean-up after this run deletes their staged rings.
    await store.failAbandonedRuns(RUN_LEASE_MS);
    const parsed = parseDetectionOptions(options);
    const timings = { read: 0, detect: 0 };
    const progress = ({ step, done, total }: ComponentProgress) => onProgress({ stage: step === 'batches' ? 'detecting' : 'reading', step, done, total });
    // The run's bookkeeping reads are independent of one another: side by side, they cost one round trip's wait.
    const [previous, basis] = await Promise.all([store.previousRings(), scopeBasis(store, runId)]);
    const { componentPlan, plan, decision } = await planRun(store, parsed, timings, progress, previous, basis, { full: request.full === true, runId, options, codeVersion: version }, planCache);
    const { scope, components, kept, keptFrom } = decision;
    if (request.onlyIfIncremental && scope.mode === 'full') throw new Error(`the run would examine every component: ${scope.reason}`);
    // A run that examines everything holds the most evidence: its heap grows from what is live now.
    if (scope.mode === 'full') collectGarbage();
    const { result } = await detectComponents(store, componentPlan, components, parsed, previous, timings, {
      batchBorrowers: request.batchBorrowers,
      onProgress: progress,
      workers: request.workers,
    });
    // Detected batch by batch, the result holds the reported rings only (isReported); the other candidates were named and counted.
    const rings = result.rings;
    const keptSuspected = kept.filter((r) => r.suspected).length;
    const previousSuspected = previous.filter((r) => r.suspected).length;
    if (rings.filter((r) => r.suspected).length + keptSuspected === 0 && previousSuspected > 0 && !request.force) throw noRingsFound(previousSuspected);
    onProgress({ stage: 'writing', done: 0, total: 1 });
    const finishedAt = new Date().toISOString();
    const keep = kept.map((r) => r.id);
    const soFar = { read: Math.round(timings.read), detect: Math.round(timings.detect), total: Date.now() - t0 };
    const runTimings = await store.finishRun({ id: runId, finishedAt, timings: soFar }, { rings, hubs: result.hubs, stats: result.stats }, { keep, plan, scope });
    // Alerts and cases from the rings now in place: those just written and those left standing.
    // The listener reports its own failures; none of them may undo or fail the run that wrote the rings.
    await onRingsReplaced?.(rings, { id: runId, finishedAt, suspectThreshold: parsed.suspectThreshold, keptFrom }, keep).catch(() => {});
    onProgress({ stage: 'done', done: 1, total: 1 });
    return summarise(runId, startedAt, finishedAt, result.stats, rings, result.hubs.length, runTimings, scope, keptSuspected);
  } catch (error) {
    await store.failRun(runId, new Date().toISOString(), (error as Error).message).catch(() => {});
    throw error;
  } finally {
    stopBeating();
  }
}

/**
 * Plans the run's components from the writes it claimed and the last run's plan (looking again only
 * at the identifiers of the borrowers written since, when the last run was this code's,
 * and bringing that run's inputs up to date when `planCache` kept them), and decides
 * which components it examines. The plan's inputs (every shared tie, every small ad
 * source's recruits with their complaints) are needed for nothing else in this run: they
 * stay in here, so unless `planCache` keeps them for the next run they are freed before
 * the components are read and detected, when a batch's evidence joins what the process
 * holds. A run that examines every component on a large platform does not keep them
 * (PlanInputsCache.keep): it holds the most evidence at once.
 */
async function planRun(
  store: AnalysisStore,
  options: DetectionOptions,
  timings: SourceTimings,
  progress: (p: ComponentProgress) => void,
  previous: readonly PreviousRing[],
  basis: ScopeBasis,
  request: ScopeRequest,
  planCache: PlanInputsCache | null,
): Promise<{ componentPlan: ComponentPlan; plan: PlanState; decision: ScopeDecision }> {
  const touched = touchedSinceLastRun(basis);
  const last = keptInputs(planCache, basis, touched, request, options);
  const planned = await planAnalysis(store, options, timings, progress, touched, last);
  const plan = planState(planned.plan, planned.inputs);
  const decision = await analysisScope(store, basis, planned, plan, previous, request, options);
  planCache?.keep(request.runId, options.adSourceHubDegree, planned.inputs, decision.scope.mode === 'full');
  return { componentPlan: planned.plan, plan, decision };
}

/**
 * The last run's inputs, when this run can build on them. Taken from the cache either way,
 * and held by nothing here after, so inputs a run cannot use are garbage before it reads
 * everything again.
 */
function keptInputs(planCache: PlanInputsCache | null, basis: ScopeBasis, touched: readonly string[] | null, request: ScopeRequest, options: DetectionOptions): PlanInputs | null {
  const kept = planCache?.take(basis.last?.runId, options.adSourceHubDegree) ?? null;
  // A full run reads its inputs whole; only its relabelling is limited to the writes since.
  return touched && !request.full ? kept : null;
}

function summarise(runId: string, startedAt: string, finishedAt: string, stats: DetectionStats, rings: Ring[], hubs: number, timings: RunTimings, scope: AnalysisScope, keptSuspected: number): AnalysisSummary {
  const suspected = rings.filter((r) => r.suspected);
  return {
    runId,
    scope,
    startedAt,
    finishedAt,
    stats,
    suspected: suspected.length + keptSuspected,
    written: rings.length,
    hubs,
    timings,
    topRings: suspected.slice(0, 10).map((r) => ({
      id: r.id,
      score: r.score,
      size: r.size,
      topSignals: topSignals(r.signals),
    })),
  };
}

/** A stored run's options, to run again: same options, same data, same rings. */
export async function replayRequest(store: AnalysisStore, runId: string): Promise<AnalysisRequest> {
  const run: AnalysisRun | null = await store.run(runId);
  if (!run) throw new AppError(404, 'not_found', `No analysis run "${runId}"`);
  return { options: run.options as AnalysisRequest['options'], replayOf: run.id, force: true };
}
