import { randomUUID } from 'node:crypto';
import type { AnalysisRun, DetectionStats, RunTimings } from '../contract/analysisRun';
import { topSignals, type Ring } from '../contract/ring';
import { detectRings, parseDetectionOptions, reportedRings, type DetectionOptionsInput } from '../detection';
import { AppError } from '../errors';
import { codeVersion } from '../version';
import type { AnalysisStore, RingsReplacedListener } from './ports';

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
  suspected: number;
  /** Rings written: suspected gangs and shared-operator clusters. */
  written: number;
  hubs: number;
  /** Milliseconds per stage of the whole run: read, detect (with the core's own stages), write. */
  timings: RunTimings;
  topRings: { id: string; score: number; size: number; topSignals: string[] }[];
}

/** What a caller may ask of a run: detection options (defaults fill the rest), a replay, or an override. */
export interface AnalysisRequest {
  options?: Omit<Partial<DetectionOptionsInput>, 'onProgress'>;
  /** Replaces the last run's rings even when this run finds none. */
  force?: boolean;
  replayOf?: string | null;
}

export const newRunId = () => `run-${new Date().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${randomUUID().slice(0, 8)}`;

/** Every option the run will use, defaults filled in, as plain data that can be stored and replayed. */
export function effectiveOptions(options: AnalysisRequest['options'] = {}): Record<string, unknown> {
  const { onProgress: _drop, ...effective } = parseDetectionOptions(options);
  return effective;
}

export const noRingsFound = (previous: number) =>
  new AppError(
    409,
    'degenerate_run',
    `The analysis found no suspected ring while the last run found ${previous}; the last run's rings were kept. Check the options, or pass "force": true to replace them anyway.`,
  );

/**
 * One analysis, as a story: record the run → read the evidence → detect rings (keeping
 * the ids of the last run's rings) → write rings, members, tools and the run's outcome.
 * A run that finds nothing where the last found rings fails instead of wiping them; a
 * failed run is recorded with its error and leaves the last good rings in place.
 */
export async function runAnalysis(
  store: AnalysisStore,
  request: AnalysisRequest = {},
  onProgress: (p: AnalysisProgress) => void = () => {},
  runId: string = newRunId(),
  onRingsReplaced?: RingsReplacedListener,
): Promise<AnalysisSummary> {
  const options = effectiveOptions(request.options);
  const startedAt = new Date().toISOString();
  await store.startRun({ id: runId, startedAt, codeVersion: codeVersion(), options, replayOf: request.replayOf ?? null });
  try {
    const t0 = Date.now();
    const evidence = await store.readEvidence((done) => onProgress({ stage: 'reading', done, total: 0 }));
    const previous = await store.previousRings();
    const t1 = Date.now();
    const result = detectRings(evidence, { ...options, onProgress: (step, done, total) => onProgress({ stage: 'detecting', step, done, total }) }, previous);
    const t2 = Date.now();
    const rings = reportedRings(result.rings, parseDetectionOptions(options).suspectThreshold);
    const suspected = rings.filter((r) => r.suspected);
    const previousSuspected = previous.length;
    if (suspected.length === 0 && previousSuspected > 0 && !request.force) throw noRingsFound(previousSuspected);
    onProgress({ stage: 'writing', done: 0, total: 1 });
    const finishedAt = new Date().toISOString();
    const timings = { read: t1 - t0, detect: t2 - t1, write: 0, total: 0 };
    await store.finishRun({ id: runId, finishedAt, timings }, { rings, hubs: result.hubs, stats: result.stats });
    timings.write = Date.now() - t2;
    timings.total = Date.now() - t0;
    // Issue 12 hook (live-ops): alerts and cases from the rings just written. The listener
    // reports its own failures; none of them may undo or fail the run that wrote the rings.
    await onRingsReplaced?.(rings, { id: runId, finishedAt, suspectThreshold: parseDetectionOptions(options).suspectThreshold }).catch(() => {});
    onProgress({ stage: 'done', done: 1, total: 1 });
    return summarise(runId, startedAt, finishedAt, result.stats, rings, result.hubs.length, timings);
  } catch (error) {
    await store.failRun(runId, new Date().toISOString(), (error as Error).message).catch(() => {});
    throw error;
  }
}

function summarise(runId: string, startedAt: string, finishedAt: string, stats: DetectionStats, rings: Ring[], hubs: number, timings: RunTimings): AnalysisSummary {
  const suspected = rings.filter((r) => r.suspected);
  return {
    runId,
    startedAt,
    finishedAt,
    stats,
    suspected: suspected.length,
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
