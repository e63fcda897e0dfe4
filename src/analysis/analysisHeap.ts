import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/*
 * How the heap of a process that runs analyses is set. An analysis makes garbage fast
 * (rows decoded from Neo4j, the plan's intermediate maps, each batch's graph) and holds
 * little for long: at 5,000,000 borrowers at most about 0.5 GiB was live while planning and
 * detecting. With V8's defaults the run took 139–149 s and its resident set reached
 * 2.0–2.2 GiB, nearly all of it garbage not yet collected; with both settings below,
 * 131–140 s and 1.4 GiB.
 */

/**
 * How far V8 lets the heap grow past what was live after its last full collection, in
 * percent. By default it may grow fourfold; twofold keeps the resident set near twice the
 * live set. A fixed heap limit would do the same at one size, but a larger platform would
 * run out of it; this follows the live set.
 */
export const HEAP_GROWING_PERCENT = 100;

/**
 * Each semi-space of the young generation, in MiB (V8's default is 16). Most of an
 * analysis's objects die young; a larger nursery lets them die there instead of being
 * promoted and then found by full collections. It is fixed when a heap is made: the npm
 * scripts that run analyses pass `--max-semi-space-size=64`, and worker threads are given
 * it as `ANALYSIS_YOUNG_GENERATION_MB`.
 */
export const SEMI_SPACE_MB = 64;

/** The young generation of a worker thread's heap: two semi-spaces and the young large-object space, as V8 sizes it. */
export const ANALYSIS_YOUNG_GENERATION_MB = 3 * SEMI_SPACE_MB;

/**
 * Sets the heap's growth for this process and its worker threads, and lets an analysis
 * ask for a full collection (collectGarbage); called once, first thing, by each entry
 * point that runs analyses.
 */
export function limitHeapGrowth(percent: number = HEAP_GROWING_PERCENT): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  setFlagsFromString('--expose-gc');
}

/**
 * A full collection, where the entry point allowed it (limitHeapGrowth); else nothing.
 * The heap grows past what was live at the last full collection: collected when a run has
 * just let go of its plan's inputs, it grows from what the run holds then, not from what
 * it held while planning.
 */
export function collectGarbage(): void {
  if (collect === undefined) collect = exposedCollector();
  collect?.();
}

let collect: (() => void) | null | undefined;

/** V8's `gc`, which --expose-gc set at run time puts in contexts made after it (not in the first). */
function exposedCollector(): (() => void) | null {
  try {
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}
