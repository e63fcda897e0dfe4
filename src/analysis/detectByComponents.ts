import type { Evidence } from '../contract/evidence';
import type { PreviousRing } from '../contract/ring';
import type { DetectionResult } from '../detection';
import { batchesOf, planComponents, type ComponentPlan, type PlanInputs } from '../detection/componentPlan';
import { withChanges, type PlanInputChanges, type ResizedSources } from '../detection/planInputChanges';
import { assembleResult, detectBatch, type BatchResult } from '../detection/detectRings';
import type { DetectionContext } from '../detection/detectionContext';
import { plainOptions, type DetectionOptions, type PlainDetectionOptions } from '../detection/options';
import { stageTimer } from '../detection/stageTimer';
import { collectGarbage } from './analysisHeap';

/** Where the evidence is: the plan's inputs counted there, and the records of a batch of borrowers on demand. */
export interface EvidenceSource {
  /**
   * `touched`: the borrowers written since the last run that brought the source's own
   * bookkeeping up to date (a store may keep which identifiers are shared), so only theirs
   * are looked at again; null or absent: look at everything. The inputs are the same either way.
   */
  readPlanInputs(maxSmallSourceRecruits: number, onProgress?: (step: string) => void, touched?: readonly string[] | null): Promise<PlanInputs>;
  /**
   * What changed in the plan's inputs since the run that read `last` (of which only the ad
   * source sizes are needed here), which claimed every write before those about `touched`
   * (and brought the source's bookkeeping up to date): withChanges(last, changes) is then
   * what readPlanInputs would read now. A source without it is read whole.
   */
  readPlanInputChanges?(maxSmallSourceRecruits: number, touched: readonly string[], lastSizes: PlanInputs['adSourceRecruits']): Promise<PlanInputChanges>;
  /**
   * Every record about these borrowers, with every complaint channel. Ad sources' own
   * records may be left out: detection knows a source by the recruitments that name it.
   */
  readEvidenceOf(borrowerIds: readonly string[]): Promise<Evidence>;
  /** Workers that read and detect batches of their own, several at once; a source without them is read in this process. */
  startBatchDetectors?(context: DetectionContext, options: PlainDetectionOptions, workers: number): BatchDetectors;
}

/** A batch detected elsewhere, with the time it took there to read and to detect. */
export interface DetectedBatch {
  result: BatchResult;
  readMs: number;
  detectMs: number;
}

/** Detectors of batches that run side by side (worker threads), each reading its own batch. */
export interface BatchDetectors {
  detect(borrowerIds: readonly string[]): Promise<DetectedBatch>;
  close(): Promise<void>;
}

/**
 * Borrowers per batch: a batch's evidence (about 5 records a borrower) is what the
 * analysis holds in memory at once, beside the plan. Larger batches mean fewer round
 * trips; the rings are the same for any size.
 */
export const DEFAULT_BATCH_BORROWERS = 50_000;

export interface ComponentProgress {
  step: string;
  done: number;
  total: number;
}

/** Milliseconds spent waiting for the source, and computing. */
export interface SourceTimings {
  read: number;
  detect: number;
}

/** Times awaited work into one of the stages of `timings`. */
export function timing(timings: SourceTimings) {
  return async <T>(stage: keyof SourceTimings, work: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      timings[stage] += performance.now() - start;
    }
  };
}

export interface PlannedAnalysis {
  inputs: PlanInputs;
  plan: ComponentPlan;
  /** How the inputs were read: the last run's brought up to date, or everything. */
  inputsRead: 'changes' | 'whole';
  /** The small ad sources resized since the last run and their recruits, when the changes' read gave them. */
  resized?: ResizedSources;
}

/**
 * Past this many borrowers written since the last run, the plan's inputs are read whole
 * rather than the last run's brought up to date: the changes' reads follow the borrowers
 * written, the whole read the data (at 1,000,000 borrowers, 0.9 s for a day's 10,000
 * against 3 s), and a store relabels its shared identifiers past the same count anyway.
 */
export const MAX_BORROWERS_FOR_CHANGES = 50_000;

/**
 * Reads the plan's inputs where the data is (see EvidenceSource.readPlanInputs for
 * `touched`), or brings `last` up to date with what changed since (readPlanInputChanges),
 * and plans the components.
 */
export async function planAnalysis(
  source: EvidenceSource,
  options: DetectionOptions,
  timings: SourceTimings,
  onProgress: (p: ComponentProgress) => void = () => {},
  touched: readonly string[] | null = null,
  last: PlanInputs | null = null,
): Promise<PlannedAnalysis> {
  const timed = timing(timings);
  const changes = last && touched && touched.length <= MAX_BORROWERS_FOR_CHANGES && source.readPlanInputChanges ? { last, touched, read: source.readPlanInputChanges.bind(source) } : null;
  let resized: ResizedSources | undefined;
  const inputs = await timed('read', async () => {
    if (!changes) {
      // What earlier runs left (a full run's evidence, inputs a run could not use) goes before a whole read adds its own.
      collectGarbage();
      return source.readPlanInputs(options.adSourceHubDegree, (step) => onProgress({ step, done: 0, total: 1 }), touched);
    }
    onProgress({ step: 'changes since the last run', done: 0, total: 1 });
    const read = await changes.read(options.adSourceHubDegree, changes.touched, changes.last.adSourceRecruits);
    resized = read.resized;
    return withChanges(changes.last, read);
  });
  const plan = await timed('detect', () => planComponents(inputs, options));
  return { inputs, plan, inputsRead: changes ? 'changes' : 'whole', resized };
}

export interface ComponentDetection {
  result: DetectionResult;
  batches: number;
  timings: SourceTimings;
}

/** How a run reads and detects its components; only the options and the last run's rings are needed. */
export interface BatchSettings {
  /** Borrowers per batch (DEFAULT_BATCH_BORROWERS). */
  batchBorrowers?: number;
  onProgress?: (p: ComponentProgress) => void;
  /** Batches read and detected at once, on worker threads when above 1 and the source has them. */
  workers?: number;
}

/**
 * Reads and detects the given components a batch at a time, reading the next batch while
 * this one is detected, and names the rings against the previous run's. With `workers`
 * above 1 and a source that has them, that many batches are read and detected at once on
 * worker threads; the rings are the same (test).
 */
export async function detectComponents(
  source: EvidenceSource,
  plan: ComponentPlan,
  components: readonly string[][],
  options: DetectionOptions,
  previous: readonly PreviousRing[],
  timings: SourceTimings,
  { batchBorrowers = DEFAULT_BATCH_BORROWERS, onProgress = () => {}, workers = 1 }: BatchSettings = {},
): Promise<ComponentDetection> {
  const timed = timing(timings);
  const batches = batchesOf(components, batchBorrowers);
  const results =
    workers > 1 && source.startBatchDetectors && batches.length > 1
      ? await detectInWorkers(source.startBatchDetectors(plan.context, plainOptions(options), Math.min(workers, batches.length)), batches, timings, onProgress)
      : await detectInProcess(source, plan, batches, options, timed, onProgress);
  onProgress({ step: 'batches', done: batches.length, total: batches.length });
  const result = await timed('detect', () => assembleResult(results, plan.context, options, previous, stageTimer(), plan.borrowers));
  return { result, batches: batches.length, timings };
}

async function detectInProcess(
  source: EvidenceSource,
  plan: ComponentPlan,
  batches: readonly string[][],
  options: DetectionOptions,
  timed: ReturnType<typeof timing>,
  onProgress: (p: ComponentProgress) => void,
): Promise<BatchResult[]> {
  const read = (i: number) => {
    const reading = source.readEvidenceOf(batches[i]!);
    // Awaited in its turn; until then a failure must not count as unhandled.
    reading.catch(() => {});
    return reading;
  };
  const results: BatchResult[] = [];
  let next = batches.length > 0 ? read(0) : null;
  for (let i = 0; i < batches.length; i++) {
    onProgress({ step: 'batches', done: i, total: batches.length });
    const evidence = await timed('read', () => next!);
    next = i + 1 < batches.length ? read(i + 1) : null;
    results.push(await timed('detect', () => detectBatch(evidence, plan.context, options)));
  }
  return results;
}

/**
 * Every batch on the workers, results kept in the batches' order. The wall time is split
 * between read and detect in the proportion the workers spent on each, so the stages
 * still add up to the run's time.
 */
async function detectInWorkers(detectors: BatchDetectors, batches: readonly string[][], timings: SourceTimings, onProgress: (p: ComponentProgress) => void): Promise<BatchResult[]> {
  const started = performance.now();
  let done = 0;
  let readMs = 0;
  let detectMs = 0;
  onProgress({ step: 'batches', done, total: batches.length });
  try {
    const detected = await Promise.all(
      batches.map(async (ids) => {
        const batch = await detectors.detect(ids);
        readMs += batch.readMs;
        detectMs += batch.detectMs;
        onProgress({ step: 'batches', done: ++done, total: batches.length });
        return batch.result;
      }),
    );
    const wall = performance.now() - started;
    const readShare = readMs + detectMs > 0 ? readMs / (readMs + detectMs) : 0;
    timings.read += wall * readShare;
    timings.detect += wall * (1 - readShare);
    return detected;
  } finally {
    await detectors.close();
  }
}

/**
 * Detects rings without holding all the evidence: plan the components where the data is,
 * then read and detect all of them a batch at a time. Gives the same rings as
 * detectRings over all the evidence (test).
 */
export async function detectByComponents(
  source: EvidenceSource,
  options: DetectionOptions,
  previous: readonly PreviousRing[],
  settings: BatchSettings = {},
): Promise<ComponentDetection> {
  const timings = { read: 0, detect: 0 };
  const { plan } = await planAnalysis(source, options, timings, settings.onProgress);
  return detectComponents(source, plan, plan.components, options, previous, timings, settings);
}
