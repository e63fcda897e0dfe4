import { isMainThread, parentPort, workerData, type Worker } from 'node:worker_threads';
import { startSourceWorker } from '../sourceWorker';
import type { BatchDetectors, DetectedBatch } from '../analysis/detectByComponents';
import type { DetectionContext } from '../detection/detectionContext';
import { detectBatch } from '../detection/detectRings';
import type { PlainDetectionOptions } from '../detection/options';
import { readBatchEvidence } from './evidenceReader';
import { GraphDatabase, type Neo4jSettings } from './graphDatabase';

/**
 * Worker threads that each read a batch of components from Neo4j and detect its rings,
 * several batches at once. Each worker opens its own driver and holds the plan's context
 * (hubs, degrees, campaigns), sent once; only borrower ids go in and a batch's rings come
 * back, never the evidence. The rings are assembled in the batches' order, so they are
 * the same as one process reading and detecting the batches one after another (test).
 */

interface WorkerJob {
  settings: Neo4jSettings;
  context: DetectionContext;
  options: PlainDetectionOptions;
}

type Request = { index: number; ids: readonly string[] };
type Reply = { index: number; batch: DetectedBatch } | { index: number; error: string };

/** A batch's evidence and the core's work on it; the default heap is too small for 50,000 borrowers. */
const WORKER_HEAP_MB = 4096;

export function startBatchWorkers(settings: Neo4jSettings, context: DetectionContext, options: PlainDetectionOptions, count: number): BatchDetectors {
  const job: WorkerJob = { settings, context, options };
  const workers = Array.from({ length: count }, () => startSourceWorker(__filename, { batchJob: job }, WORKER_HEAP_MB));
  const idle = [...workers];
  const waiting: ((worker: Worker) => void)[] = [];
  const release = (worker: Worker) => {
    const next = waiting.shift();
    if (next) next(worker);
    else idle.push(worker);
  };
  const acquire = () => new Promise<Worker>((resolve) => (idle.length > 0 ? resolve(idle.pop()!) : waiting.push(resolve)));
  let nextIndex = 0;

  return {
    async detect(ids) {
      const worker = await acquire();
      const index = nextIndex++;
      try {
        return await new Promise<DetectedBatch>((resolve, reject) => {
          const onMessage = (reply: Reply) => {
            if (reply.index !== index) return;
            cleanup();
            if ('error' in reply) reject(new Error(reply.error));
            else resolve(reply.batch);
          };
          const onError = (error: Error) => (cleanup(), reject(error));
          const onExit = (code: number) => (cleanup(), reject(new Error(`a batch worker stopped unexpectedly (exit code ${code})`)));
          const cleanup = () => {
            worker.off('message', onMessage);
            worker.off('error', onError);
            worker.off('exit', onExit);
          };
          worker.on('message', onMessage);
          worker.on('error', onError);
          worker.on('exit', onExit);
          worker.postMessage({ index, ids } satisfies Request);
        });
      } finally {
        release(worker);
      }
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

function workerMain(job: WorkerJob): void {
  const db = new GraphDatabase(job.settings);
  const port = parentPort!;
  port.on('message', (request: Request) => {
    void (async () => {
      try {
        const started = performance.now();
        const evidence = await readBatchEvidence(db, request.ids);
        const read = performance.now();
        const result = detectBatch(evidence, job.context, job.options);
        port.postMessage({ index: request.index, batch: { result, readMs: read - started, detectMs: performance.now() - read } } satisfies Reply);
      } catch (error) {
        port.postMessage({ index: request.index, error: (error as Error).message } satisfies Reply);
      }
    })();
  });
}

if (!isMainThread && (workerData as { batchJob?: WorkerJob } | null)?.batchJob) {
  workerMain((workerData as { batchJob: WorkerJob }).batchJob);
}
