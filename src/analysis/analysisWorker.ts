import { isMainThread, parentPort, workerData, type Worker } from 'node:worker_threads';
import { startSourceWorker } from '../sourceWorker';
import { alertsOnRingsReplaced } from '../alerts/raiseAlerts';
import type { AlertSettings } from '../alerts/riskEvents';
import { Neo4jAlertStore } from '../neo4j/alertStore';
import { Neo4jAnalysisStore } from '../neo4j/analysisStore';
import { GraphDatabase, type Neo4jSettings } from '../neo4j/graphDatabase';
import { runAnalysis, type AnalysisProgress, type AnalysisRequest, type AnalysisSummary } from './runAnalysis';
import { PlanInputsCache } from './planInputsCache';
import { rehearseDay, type DayRehearsal } from './dayRehearsal';

/**
 * Runs analyses on a worker thread, so a server stays responsive (status polls, other
 * requests) while Louvain and scoring keep a core busy for up to a minute on large graphs.
 * The thread is kept between runs, with its connection to Neo4j and the last run's plan
 * inputs (PlanInputsCache), so the next run reads only what changed; only plain settings
 * and results cross the thread boundary, never the evidence.
 */

/** Alerts to raise once the run's rings are written, and whether a webhook is due to deliver them. */
export interface RunAlerts {
  settings: AlertSettings;
  deliver: boolean;
}

/** A run, or a day's rehearsal (dayRehearsal.ts) with the thread's connection and plan inputs. */
type AnalysisJob = { settings: Neo4jSettings; alerts: RunAlerts | null; keepPlanInputs: boolean } & ({ kind: 'run'; request: AnalysisRequest; runId: string } | { kind: 'rehearse' });

type WorkerMessage =
  | { type: 'progress'; progress: AnalysisProgress }
  | { type: 'succeeded'; summary: AnalysisSummary }
  | { type: 'rehearsed'; rehearsal: DayRehearsal | null }
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

/** What the caller hears of a run besides its outcome. */
export interface RunListeners {
  onProgress: (p: AnalysisProgress) => void;
  /** Alerts to raise, and whom to tell when raising them failed; null runs without them. */
  alerts?: (RunAlerts & { onFailure: (message: string) => void }) | null;
  onCleanupFailure?: (message: string) => void;
}

/**
 * One analysis thread, started at the first run and kept; one run at a time. A thread
 * that dies (out of memory, a crash) fails the run it had and is started afresh for the
 * next, with nothing kept. Between runs it does not keep the process alive.
 */
export class AnalysisThread {
  private worker: Worker | null = null;

  /** `keepPlanInputs`: keep the last run's plan inputs on the thread between runs (PlanInputsCache). */
  constructor(private readonly keepPlanInputs = true) {}

  private job: { onMessage: (message: WorkerMessage) => void; onGone: (error: Error) => void } | null = null;

  run(settings: Neo4jSettings, request: AnalysisRequest, runId: string, listeners: RunListeners): Promise<AnalysisSummary> {
    // The failure callback stays here; the thread gets the alerts' settings alone.
    const alerts = listeners.alerts ? { settings: listeners.alerts.settings, deliver: listeners.alerts.deliver } : null;
    return this.send({ kind: 'run', settings, request, runId, alerts, keepPlanInputs: this.keepPlanInputs }, listeners, (m) => (m.type === 'succeeded' ? m.summary : undefined));
  }

  /** Rehearses a day on the thread (dayRehearsal.ts), building on its plan inputs; null when the graph holds nothing to rehearse with. */
  rehearse(settings: Neo4jSettings, alerts: RunAlerts | null): Promise<DayRehearsal | null> {
    return this.send({ kind: 'rehearse', settings, alerts, keepPlanInputs: this.keepPlanInputs }, { onProgress: () => {} }, (m) => (m.type === 'rehearsed' ? m.rehearsal : undefined));
  }

  /** Posts a job and settles with what `outcome` makes of the message that ends it (undefined: not an outcome), or the failure. */
  private send<T>(job: AnalysisJob, listeners: RunListeners, outcome: (message: WorkerMessage) => T | undefined): Promise<T> {
    if (this.job) return Promise.reject(new Error('an analysis is already running on this thread'));
    return new Promise((resolve, reject) => {
      const worker = this.thread();
      const settle = (finish: () => void) => {
        if (!this.job) return;
        this.job = null;
        worker.unref();
        finish();
      };
      this.job = {
        onMessage: (message) => {
          if (message.type === 'progress') listeners.onProgress(message.progress);
          else if (message.type === 'alertsFailed') listeners.alerts?.onFailure(message.message);
          else if (message.type === 'cleanupFailed') listeners.onCleanupFailure?.(message.message);
          else if (message.type === 'failed') settle(() => reject(new AnalysisFailure(message.message, message.stack, message.status, message.code)));
          else {
            const result = outcome(message);
            if (result !== undefined) settle(() => resolve(result));
          }
        },
        onGone: (error) => settle(() => reject(error)),
      };
      worker.ref();
      worker.postMessage(job);
    });
  }

  /** Stops the thread (a run in progress fails). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = startSourceWorker(__filename, { analysisThread: true }, WORKER_HEAP_MB);
    const gone = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      this.job?.onGone(error);
    };
    worker.on('message', (message: WorkerMessage) => this.job?.onMessage(message));
    worker.on('error', gone);
    worker.on('exit', (code) => gone(new Error(`the analysis worker stopped unexpectedly (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}

/** The worker's side: the connections it opened, by server, and the last successful run's plan inputs. */
const databases = new Map<string, GraphDatabase>();
const planCache = new PlanInputsCache();

function databaseFor(settings: Neo4jSettings): GraphDatabase {
  const key = JSON.stringify(settings);
  let db = databases.get(key);
  if (!db) databases.set(key, (db = new GraphDatabase(settings)));
  return db;
}

async function runJob(job: AnalysisJob): Promise<void> {
  const post = (message: WorkerMessage) => parentPort!.postMessage(message);
  const db = databaseFor(job.settings);
  let lastPost = 0;
  try {
    if (job.kind === 'rehearse') {
      post({ type: 'rehearsed', rehearsal: await rehearseDay(db, { planCache: job.keepPlanInputs ? planCache : null, alerts: job.alerts }) });
      return;
    }
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
      job.keepPlanInputs ? planCache : null,
    );
    post({ type: 'succeeded', summary });
  } catch (error) {
    const e = error as Error & { status?: number; code?: string };
    post({ type: 'failed', message: e.message, stack: e.stack, status: e.status, code: typeof e.code === 'string' ? e.code : undefined });
  }
}

if (!isMainThread && (workerData as { analysisThread?: boolean } | null)?.analysisThread) {
  parentPort!.on('message', (job: AnalysisJob) => void runJob(job));
}
