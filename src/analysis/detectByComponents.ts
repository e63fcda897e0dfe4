import type { Evidence } from '../contract/evidence';
import type { PreviousRing } from '../contract/ring';
import type { DetectionResult } from '../detection';
import { batchesOf, planComponents, type ComponentPlan, type PlanInputs } from '../detection/componentPlan';
import { assembleResult, detectBatch, type BatchResult } from '../detection/detectRings';
import type { DetectionOptions } from '../detection/options';
import { stageTimer } from '../detection/stageTimer';

/** Where the evidence is: the plan's inputs counted there, and the records of a batch of borrowers on demand. */
export interface EvidenceSource {
  readPlanInputs(maxSmallSourceRecruits: number, onProgress?: (step: string) => void): Promise<PlanInputs>;
  /** Every record about these borrowers, with every ad source and complaint channel. */
  readEvidenceOf(borrowerIds: readonly string[]): Promise<Evidence>;
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
}

/** Reads the plan's inputs where the data is, and plans the components. */
export async function planAnalysis(
  source: EvidenceSource,
  options: DetectionOptions,
  timings: SourceTimings,
  onProgress: (p: ComponentProgress) => void = () => {},
): Promise<PlannedAnalysis> {
  const timed = timing(timings);
  const inputs = await timed('read', () => source.readPlanInputs(options.adSourceHubDegree, (step) => onProgress({ step, done: 0, total: 1 })));
  const plan = await timed('detect', () => planComponents(inputs, options));
  return { inputs, plan };
}

export interface ComponentDetection {
  result: DetectionResult;
  batches: number;
  timings: SourceTimings;
}

/**
 * Reads and detects the given components a batch at a time, reading the next batch while
 * this one is detected, and names the rings against the previous run's.
 */
export async function detectComponents(
  source: EvidenceSource,
  plan: ComponentPlan,
  components: readonly string[][],
  options: DetectionOptions,
  previous: readonly PreviousRing[],
  timings: SourceTimings,
  batchBorrowers: number = DEFAULT_BATCH_BORROWERS,
  onProgress: (p: ComponentProgress) => void = () => {},
): Promise<ComponentDetection> {
  const timed = timing(timings);
  const batches = batchesOf(components, batchBorrowers);
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
  onProgress({ step: 'batches', done: batches.length, total: batches.length });
  const result = await timed('detect', () => assembleResult(results, plan.context, options, previous, stageTimer(), plan.borrowers));
  return { result, batches: batches.length, timings };
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
  batchBorrowers: number = DEFAULT_BATCH_BORROWERS,
  onProgress: (p: ComponentProgress) => void = () => {},
): Promise<ComponentDetection> {
  const timings = { read: 0, detect: 0 };
  const { plan } = await planAnalysis(source, options, timings, onProgress);
  return detectComponents(source, plan, plan.components, options, previous, timings, batchBorrowers, onProgress);
}
