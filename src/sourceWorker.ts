import { Worker } from 'node:worker_threads';
import { ANALYSIS_YOUNG_GENERATION_MB } from './analysis/analysisHeap';

// The worker is started from source (TypeScript) through tsx's require hook, which works
// both under tsx and under jest.
const BOOTSTRAP = `require('tsx/cjs'); require(require('node:worker_threads').workerData.entry);`;

/**
 * A worker thread running the TypeScript module `entry` (its own `__filename`), which
 * finds `data` in `workerData` and tells it is the worker by it; the old generation of
 * its heap is limited to `heapMb`, and its young generation is an analysis's (analysisHeap).
 */
export function startSourceWorker(entry: string, data: Record<string, unknown>, heapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: ANALYSIS_YOUNG_GENERATION_MB };
  return new Worker(BOOTSTRAP, { eval: true, workerData: { entry, ...data }, resourceLimits });
}
