import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { startSourceWorker } from '../sourceWorker';
import { alertsOnRingsReplaced } from '../alerts/raiseAlerts';
import type { AlertSettings } from '../alerts/riskEvents';
import { Neo4jAlertStore } from '../neo4j/alertStore';
import { Neo4jAnalysisStore } from '../neo4j/analysisStore';
import { GraphDatabase, type Neo4jSettings } from '../neo4j/graphDatabase';
import { runAnalysis, type AnalysisProgress, type AnalysisRequest, type AnalysisSummary } from './runAnalysis';
import { PlanInputsCache, type KeptPlanInputs } from './planInputsCache';

/**
 * Runs an analysis on a worker thread, so a server stays responsive (status polls, other
 * requests) while Louvain and scoring keep a core busy for up to a minute on large graphs.
 * The worker opens its own driver: only plain settings and results cross the thread
 * boundary, never the evidence.
 */

/** Alerts to raise once the run's rings are written, and whether a webhook is due to deliver them. */
export interface RunAlerts {
  settings: AlertSettings;
  deliver: boolean;
}

interface AnalysisJob {
  settings: Neo4jSettings;
  request: AnalysisRequest;
  runId: string;
  alerts: RunAlerts | null;
  /** The plan inputs the last run kept, for this run to bring up to date. */
  kept: KeptPlanInputs | null;
}

type WorkerMessage =
  | { type: 'progress'; progress: AnalysisProgress }
  | { type: 'succeeded'; summary: AnalysisSummary; kept: KeptPlanInputs | null }
  | { type: 'alertsFailed'; message: string }
  | { type: 'cleanupFailed'; message: string }
  | { type: 'failed'; message: string; stack: string | undefined; status: number | undefined; code: string | undefined };

/** An error from the worker, with the worker's stack and, for refusals such as a degenerate run, the HTTP status. */
export class AnalysisFailure extends Error {
  constructor(
    message: string,
    readonly workerStack: string | undefined,
    readonly status: number | undefined,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** Detection of a million borrowers needs a few GiB; the default worker heap is smaller. */
const WORKER_HEAP_MB = 8192;

export function runAnalysisInWorker(
  settings: Neo4jSettings,
  request: AnalysisRequest,
  onProgress: (p: AnalysisProgress) => void,
  runId: string,
  alerts: (RunAlerts & { onFailure: (message: string) => void }) | null = null,
  onCleanupFailure: (message: string) => void = () => {},
  planCache: PlanInputsCache | null = null,
): Promise<AnalysisSummary> {
  return new Promise((resolve, reject) => {
    const job: AnalysisJob = { settings, request, runId, alerts: alerts && { settings: alerts.settings, deliver: alerts.deliver }, kept: planCache?.state ?? null };
    const worker = startSourceWorker(__filename, { job }, WORKER_HEAP_MB);
    let settled = false;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress(message.progress);
      else if (message.type === 'alertsFailed') alerts?.onFailure(message.message);
      else if (message.type === 'cleanupFailed') onCleanupFailure(message.message);
      else if (message.type === 'succeeded') {
        // Only a run that succeeded is one the next run builds on.
        planCache?.adopt(message.kept);
        settled = true;
        resolve(message.summary);
      }
      else (settled = true), reject(new AnalysisFailure(message.message, message.stack, message.status, message.code));
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
  const planCache = new PlanInputsCache(job.kept);
  let lastPost = 0;
  try {
    const summary = await runAnalysis(
      new Neo4jAnalysisStore(db, (error) => post({ type: 'cleanupFailed', message: error.message })),
      job.request,
      (progress) => {
        // Progress can fire thousands of times a second; the parent needs a few updates.
        const now = Date.now();
        if (now - lastPost >= 200 || progress.stage !== 'detecting') {
          lastPost = now;
          post({ type: 'progress', progress });
        }
      },
      job.runId,
      job.alerts ? alertsOnRingsReplaced(new Neo4jAlertStore(db, job.alerts.deliver), job.alerts.settings, (error) => post({ type: 'alertsFailed', message: error.message })) : undefined,
      planCache,
    );
    // The kept inputs cross as one buffer, copied (a few tens of milliseconds at 1,000,000 borrowers).
    post({ type: 'succeeded', summary, kept: planCache.state });
  } catch (error) {
    const e = error as Error & { status?: number; code?: string };
    post({ type: 'failed', message: e.message, stack: e.stack, status: e.status, code: typeof e.code === 'string' ? e.code : undefined });
  } finally {
    await db.close();
  }
}

if (!isMainThread && (workerData as { job?: AnalysisJob } | null)?.job) {
  void workerMain((workerData as { job: AnalysisJob }).job);
}
