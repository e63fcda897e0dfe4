import { randomUUID } from 'node:crypto';
import type { AnalysisRun, DetectionStats, RunTimings } from '../contract/analysisRun';
import { topSignals, type Ring } from '../contract/ring';
import { parseDetectionOptions, reportedRings, type DetectionOptionsInput } from '../detection';
import { detectByComponents } from './detectByComponents';
import { AppError } from '../errors';
import { codeVersion } from '../version';
import type { AnalysisStore } from './ports';

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
  /** Borrowers read and detected at once; the rings are the same for any size. */
  batchBorrowers?: number;
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
 * One analysis, as a story: record the run → plan components where the data is → read
 * and detect them batch by batch (keeping the ids of the last run's rings) → write rings, members, tools and the run's outcome.
 * A run that finds nothing where the last found rings fails instead of wiping them; a
 * failed run is recorded with its error and leaves the last good rings in place.
 */
export async function runAnalysis(
  store: AnalysisStore,
  request: AnalysisRequest = {},
  onProgress: (p: AnalysisProgress) => void = () => {},
  runId: string = newRunId(),
): Promise<AnalysisSummary> {
  const options = effectiveOptions(request.options);
  const startedAt = new Date().toISOString();
  await store.startRun({ id: runId, startedAt, codeVersion: codeVersion(), options, replayOf: request.replayOf ?? null });
  try {
    const t0 = Date.now();
    const previous = await store.previousRings();
    const parsed = parseDetectionOptions(options);
    const detection = await detectByComponents(store, parsed, previous, request.batchBorrowers, ({ step, done, total }) =>
      onProgress({ stage: step === 'batches' ? 'detecting' : 'reading', step, done, total }),
    );
    const { result } = detection;
    const t2 = Date.now();
    const rings = reportedRings(result.rings, parsed.suspectThreshold);
    const suspected = rings.filter((r) => r.suspected);
    const previousSuspected = previous.length;
    if (suspected.length === 0 && previousSuspected > 0 && !request.force) throw noRingsFound(previousSuspected);
    onProgress({ stage: 'writing', done: 0, total: 1 });
    const finishedAt = new Date().toISOString();
    const timings = { read: detection.timings.read, detect: detection.timings.detect, write: 0, total: 0 };
    await store.finishRun({ id: runId, finishedAt, timings }, { rings, hubs: result.hubs, stats: result.stats });
    timings.write = Date.now() - t2;
    timings.total = Date.now() - t0;
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
