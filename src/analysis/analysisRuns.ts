import type { Logger } from 'pino';
import { z } from 'zod';
import { AnalysisRunSchema, DetectionStatsSchema, RunTimingsSchema, type AnalysisRun } from '../contract/analysisRun';
import { DetectionOptionsSchema } from '../detection';
import { AppError } from '../errors';
import type { Neo4jSettings } from '../neo4j/graphDatabase';
import { AnalysisFailure, AnalysisThread, type RunAlerts } from './analysisWorker';
import type { DayRehearsal } from './dayRehearsal';
import type { AnalysisStore } from './ports';
import { RUN_LEASE_MS, type AbandonedRun } from './runLease';
import { newRunId, type AnalysisProgress, type AnalysisSummary } from './runAnalysis';

/** What a client may set for a run: every detection option except the progress callback, and the override for empty results. */
export const AnalysisRequestSchema = z
  .strictObject({
    options: DetectionOptionsSchema.omit({ onProgress: true }).partial().optional(),
    force: z.boolean().optional().meta({ description: 'Replace the last run\'s rings even when this run finds no suspected ring' }),
    full: z
      .boolean()
      .optional()
      .meta({ description: 'Examine every component; by default a run examines only the components changed since the last run when it can, with the same result' }),
  })
  .meta({ id: 'AnalysisRequest' });
export type AnalysisRequestBody = z.infer<typeof AnalysisRequestSchema>;

export const AnalysisProgressSchema = z.object({
  stage: z.enum(['reading', 'detecting', 'writing', 'done']),
  step: z.string().optional(),
  done: z.number(),
  total: z.number(),
});

const TopRingSchema = z.object({ id: z.string(), score: z.number(), size: z.number().int(), topSignals: z.array(z.string()) });

/** A run as the API shows it: the stored record, its progress while it runs, and once it succeeded what it found. */
export const AnalysisRunStatusSchema = AnalysisRunSchema.extend({
  runId: z.string().meta({ description: 'Same as id' }),
  progress: AnalysisProgressSchema.nullable(),
  summary: z
    .object({
      stats: DetectionStatsSchema,
      suspected: z.number().int(),
      written: z.number().int().nullable(),
      hubs: z.number().int().nullable(),
      timings: RunTimingsSchema.nullable(),
      topRings: z.array(TopRingSchema).meta({ description: 'The most suspicious rings, while they are the current ones' }),
    })
    .nullable(),
}).meta({ id: 'AnalysisRunStatus' });
export type AnalysisRunStatus = z.infer<typeof AnalysisRunStatusSchema>;

const starting = (id: string): AnalysisRun => ({
  id,
  status: 'running',
  startedAt: new Date().toISOString(),
  finishedAt: null,
  codeVersion: '',
  options: {},
  replayOf: null,
  stats: null,
  timings: null,
  written: null,
  hubs: null,
  scope: null,
  error: null,
});

/** How the analysis thread works, beyond what each run asks. */
export interface AnalysisThreadSettings {
  /** Batches each run reads and detects at once, on worker threads of its own. */
  workers?: number;
  /** Keep the last run's plan inputs on the thread between runs (PlanInputsCache). */
  keepPlanInputs?: boolean;
  /** Rehearse a day (dayRehearsal.ts) when asked, and after each run that examined every component. */
  rehearseDays?: boolean;
}

/** Day rehearsals of this process by how they ended, and 1 in `running` while one runs. */
export interface RehearsalCounts {
  running: number;
  rehearsed: number;
  /** The graph held nothing to rehearse with. */
  nothing: number;
  failed: number;
}

/**
 * Runs analyses in the background on a worker thread, one at a time: two runs at once
 * would each replace the other's rings. Runs are recorded in the database (started,
 * succeeded or failed, with their options), so any run can be looked up after a restart;
 * this process only keeps the progress of the one it is running. Between runs the thread
 * may rehearse a day, so Neo4j has a day's plans made before one comes; a run started
 * meanwhile waits for the rehearsal to end (seconds) rather than be refused.
 */
export class AnalysisRuns {
  private current: { runId: string; progress: AnalysisProgress } | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private rehearsing: Promise<DayRehearsal | null> | null = null;
  private readonly ended = { rehearsed: 0, nothing: 0, failed: 0 };
  /** Kept between runs, with the last run's plan inputs unless told not to, so a run after new records reads only what changed. */
  private readonly thread: AnalysisThread;
  private readonly workers: number;
  private readonly rehearseDays: boolean;

  constructor(
    private readonly settings: Neo4jSettings,
    private readonly store: AnalysisStore,
    private readonly logger?: Logger,
    /** Raise alerts after each run; null runs without them. */
    private readonly alerts: RunAlerts | null = null,
    thread: AnalysisThreadSettings = {},
  ) {
    this.thread = new AnalysisThread(thread.keepPlanInputs ?? true);
    this.workers = thread.workers ?? 1;
    this.rehearseDays = thread.rehearseDays ?? false;
  }

  /** Whether a run is in progress (a scheduler starts one only when none is). */
  get busy(): boolean {
    return this.current !== null;
  }

  /** The run this process is running, with its progress (until its alerts are raised too). */
  get inProgress(): { runId: string; progress: AnalysisProgress } | null {
    return this.current && { runId: this.current.runId, progress: this.current.progress };
  }

  start(request: AnalysisRequestBody): { runId: string; status: 'running' } {
    if (this.current) {
      const id = this.current.runId;
      throw new AppError(409, 'analysis_running', `Analysis ${id} is still running; wait for it to finish (GET /v1/analysis/${id})`);
    }
    const runId = newRunId();
    const current = { runId, progress: { stage: 'reading', done: 0, total: 0 } as AnalysisProgress };
    this.current = current;
    const alerts = this.alerts && { ...this.alerts, onFailure: (message: string) => this.logger?.error({ runId, err: { message } }, 'alerts of the run not raised; the next run catches up') };
    const cleanupFailed = (message: string) => this.logger?.warn({ runId, err: { message } }, 'rings the run replaced not all deleted; the next run deletes the rest');
    const analysis = { options: request.options ?? {}, force: request.force ?? false, full: request.full ?? false, workers: this.workers };
    let examinedAll = false;
    this.running = (this.rehearsing ?? Promise.resolve())
      .then(() => this.thread.run(this.settings, analysis, runId, { onProgress: (p) => (current.progress = p), alerts, onCleanupFailure: cleanupFailed }))
      .then((summary: AnalysisSummary) => {
        examinedAll = summary.scope.mode === 'full';
        this.logger?.info({ runId, suspected: summary.suspected, ms: summary.timings.total }, 'analysis run succeeded');
      })
      .catch((error: Error) => {
        const stack = error instanceof AnalysisFailure ? error.workerStack : error.stack;
        this.logger?.error({ runId, err: { message: error.message, stack } }, 'analysis run failed');
      })
      .finally(() => {
        this.current = null;
        // Its statements are not a day's: the days after it would make their plans themselves.
        if (examinedAll) void this.rehearse();
      });
    return { runId, status: 'running' };
  }

  /** How many days this process rehearsed, by outcome (for /metrics). */
  get rehearsals(): RehearsalCounts {
    return { running: this.rehearsing ? 1 : 0, ...this.ended };
  }

  /**
   * Rehearses a day on the analysis thread (dayRehearsal.ts), when days are rehearsed and no
   * run or rehearsal is under way; resolves when it ends, never rejects (a failed rehearsal
   * is logged: the next day makes its plans itself).
   */
  rehearse(): Promise<DayRehearsal | null> {
    if (!this.rehearseDays || this.current) return Promise.resolve(null);
    if (this.rehearsing) return this.rehearsing;
    this.logger?.info('rehearsing a day, so that Neo4j plans its statements before one comes');
    const rehearsing = this.thread
      .rehearse(this.settings, this.alerts)
      .then((rehearsal) => {
        if (rehearsal) this.logger?.info({ ms: rehearsal.ms, batches: rehearsal.batches, analysis: rehearsal.analysis }, 'day rehearsed; every write rolled back');
        else this.logger?.info('no day rehearsed: the graph holds no borrower, ad source and complaint channel yet');
        this.ended[rehearsal ? 'rehearsed' : 'nothing']++;
        return rehearsal;
      })
      .catch((error: Error) => {
        this.logger?.warn({ err: { message: error.message } }, 'day not rehearsed; the next day makes its plans itself');
        this.ended.failed++;
        return null;
      })
      .finally(() => (this.rehearsing = null));
    this.rehearsing = rehearsing;
    return rehearsing;
  }

  async get(runId: string): Promise<AnalysisRunStatus> {
    const current = this.current?.runId === runId ? this.current : null;
    // The worker records the run as it starts; a poll in the first instant finds it here instead.
    const run = (await this.store.run(runId)) ?? (current && starting(runId));
    if (!run) throw new AppError(404, 'not_found', `No analysis run "${runId}"`);
    const summary =
      run.status === 'succeeded' && run.stats
        ? { stats: run.stats, suspected: run.stats.suspected, written: run.written, hubs: run.hubs, timings: run.timings, topRings: await this.store.topRings(runId, 10) }
        : null;
    return { ...run, runId: run.id, progress: current?.progress ?? null, summary };
  }

  /**
   * Records as failed the runs whose process died (no sign of life within the lease), so
   * they stop reading as running; logged, never thrown: what a failed look misses, the
   * next one finds.
   */
  async failAbandoned(): Promise<AbandonedRun[]> {
    try {
      const runs = await this.store.failAbandonedRuns(RUN_LEASE_MS);
      for (const run of runs) this.logger?.warn({ runId: run.id, lastSeenAt: run.lastSeenAt }, 'analysis run abandoned: its process stopped without recording how it ended');
      return runs;
    } catch (error) {
      this.logger?.warn({ err: { message: (error as Error).message } }, 'abandoned analysis runs not looked for; the next look will');
      return [];
    }
  }

  /** The latest runs, newest first. */
  list(limit: number): Promise<AnalysisRun[]> {
    return this.store.runs(limit);
  }

  /** Resolves when no run or rehearsal is in progress (for shutdown and tests). */
  async idle(): Promise<void> {
    while (this.current || this.rehearsing) await (this.current ? this.running : this.rehearsing);
  }

  /** Waits for the run in progress, then stops the analysis thread. */
  async close(): Promise<void> {
    await this.idle();
    await this.thread.close();
  }
}
