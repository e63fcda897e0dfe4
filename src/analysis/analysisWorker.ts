import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { GraphDatabase, type Neo4jSettings } from '../neo4j/graphDatabase';
import { runAnalysis, type AnalysisProgress, type AnalysisSummary } from './runAnalysis';
import type { DetectionOptionsInput } from '../detection';

/**
 * Runs an analysis on a worker thread, so a server stays responsive (status polls, other
 * requests) while Louvain and scoring keep a core busy for up to a minute on large graphs.
 * The worker opens its own driver: only plain settings and results cross the thread
 * boundary, never the evidence.
 */

type Options = Omit<Partial<DetectionOptionsInput>, 'onProgress'>;

interface AnalysisJob {
  settings: Neo4jSettings;
  options: Options;
  runId: string;
}

type WorkerMessage =
  | { type: 'progress'; progress: AnalysisProgress }
  | { type: 'succeeded'; summary: AnalysisSummary }
  | { type: 'failed'; message: string };

/** Detection of a million borrowers needs a few GiB; the default worker heap is smaller. */
const WORKER_HEAP_MB = 8192;

// The worker is started from source (TypeScript) through tsx's require hook, which works
// both under tsx and under jest.
const BOOTSTRAP = `require('tsx/cjs'); require(require('node:worker_threads').workerData.entry);`;

export function runAnalysisInWorker(
  settings: Neo4jSettings,
  options: Options,
  onProgress: (p: AnalysisProgress) => void,
  runId: string,
): Promise<AnalysisSummary> {
  return new Promise((resolve, reject) => {
    const job: AnalysisJob = { settings, options, runId };
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { entry: __filename, job },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    let settled = false;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress(message.progress);
      else if (message.type === 'succeeded') (settled = true), resolve(message.summary);
      else (settled = true), reject(new Error(message.message));
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the analysis worker stopped unexpectedly (exit code ${code})`));
    });
  });
}

async function workerMain(job: AnalysisJob): Promise<void> {
  const post = (message: WorkerMessage) => parentPort!.postMessage(message);
  const db = new GraphDatabase(job.settings);
  let lastPost = 0;
  try {
    const summary = await runAnalysis(
      db,
      job.options,
      (progress) => {
        // Progress can fire thousands of times a second; the parent needs a few updates.
        const now = Date.now();
        if (now - lastPost >= 200 || progress.stage !== 'detecting') {
          lastPost = now;
          post({ type: 'progress', progress });
        }
      },
      job.runId,
    );
    post({ type: 'succeeded', summary });
  } catch (error) {
    post({ type: 'failed', message: (error as Error).message });
  } finally {
    await db.close();
  }
}

if (!isMainThread && (workerData as { job?: AnalysisJob } | null)?.job) {
  void workerMain((workerData as { job: AnalysisJob }).job);
}
