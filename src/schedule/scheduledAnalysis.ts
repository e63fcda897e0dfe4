import type { Logger } from 'pino';
import { dueReason, type ScheduleReason, type ScheduleSettings } from './analysisSchedule';

/** What the schedule reads: when the last run and the last successful run started, and how many records came in since. */
export interface ScheduleSource {
  lastRunStartedAt(): Promise<string | null>;
  lastSucceededRunStartedAt(): Promise<string | null>;
  recordsSince(at: string | null): Promise<number>;
}

/** What it starts runs on: one at a time (AnalysisRuns refuses a second). */
export interface RunStarter {
  readonly busy: boolean;
  start(request: Record<string, never>): { runId: string };
}

/**
 * Starts analyses when the schedule says so, checking every `checkSeconds`. Runs go through
 * the same AnalysisRuns as POST /v1/analysis, so one runs at a time, with default options,
 * and its progress is at GET /v1/analysis/{runId}. A check while a run is going waits for
 * the next; a failed check (Neo4j away) is logged and tried again at the next.
 */
export class ScheduledAnalysis {
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<unknown> | null = null;
  /** The runs this schedule started, newest last (for logs and tests). */
  readonly started: { runId: string; reason: ScheduleReason; at: string }[] = [];

  constructor(
    private readonly runs: RunStarter,
    private readonly source: ScheduleSource,
    private readonly settings: ScheduleSettings,
    private readonly logger?: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The settings and the latest runs this schedule started, for admins (GET /v1/analysis). */
  status(): ScheduleSettings & { started: { runId: string; reason: ScheduleReason; at: string }[] } {
    return { ...this.settings, started: this.started.slice(-10).reverse() };
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.check(), this.settings.checkSeconds * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.checking;
  }

  /** Starts a run if one is due and none is going; resolves with its id, or null. */
  async check(): Promise<string | null> {
    if (this.runs.busy || this.checking) return null;
    const checking = this.decide().finally(() => (this.checking = null));
    this.checking = checking;
    return checking;
  }

  /**
   * Records no successful run has read: counted from the last successful run, so a failed
   * run does not swallow them. After a failure only new records make a retry due: with none,
   * the same data would fail the same way (a run that finds no gang is refused, for one).
   */
  private async recordsToRead(last: string | null): Promise<number> {
    const succeeded = await this.source.lastSucceededRunStartedAt();
    const unread = await this.source.recordsSince(succeeded);
    if (succeeded === last || unread === 0) return unread;
    return (await this.source.recordsSince(last)) > 0 ? unread : 0;
  }

  private async decide(): Promise<string | null> {
    try {
      const last = await this.source.lastRunStartedAt();
      const records = this.settings.afterRecords > 0 || last === null ? await this.recordsToRead(last) : 0;
      const reason = dueReason(this.settings, last, records, this.now());
      if (!reason || this.runs.busy) return null;
      const { runId } = this.runs.start({});
      this.started.push({ runId, reason, at: this.now().toISOString() });
      this.logger?.info({ runId, reason, recordsSinceLastRun: records }, 'scheduled analysis started');
      return runId;
    } catch (error) {
      this.logger?.warn({ err: error }, 'analysis schedule check failed; trying again at the next check');
      return null;
    }
  }
}
