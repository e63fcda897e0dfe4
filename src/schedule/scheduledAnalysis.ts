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
  /** Resolves once no run is in progress. */
  idle(): Promise<void>;
}

/**
 * Starts analyses when the schedule says so, checking every `checkSeconds`, and at once when
 * records arrive through this server (recordsArrived). Runs go through the same AnalysisRuns
 * as POST /v1/analysis, so one runs at a time, with default options, and its progress is at
 * GET /v1/analysis/{runId}. A check while a run is going waits for the next; a failed check
 * (Neo4j away) is logged and tried again at the next.
 */
export class ScheduledAnalysis {
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<unknown> | null = null;
  /** Records arrived that no check has counted yet. */
  private arrived = false;
  private following: Promise<void> | null = null;
  private stopped = false;
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
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // A check waiting for a run to end is not waited for: it sees the stop and starts nothing.
    await this.checking;
  }

  /**
   * Records were written through this server. With the records trigger on, the schedule
   * checks now rather than at its next tick, up to checkSeconds later: a day's records
   * reach their alerts seconds after the count is crossed. A run or a check already going
   * may have counted before these records committed, so the check waits for it to end.
   * Records another process writes (a bulk load) wait for the tick.
   */
  recordsArrived(): void {
    if (this.settings.afterRecords === 0 || this.stopped) return;
    this.arrived = true;
    this.following ??= this.checkWhileArriving().finally(() => (this.following = null));
  }

  private async checkWhileArriving(): Promise<void> {
    while (this.arrived && !this.stopped) {
      await this.runs.idle();
      await this.checking;
      if (this.stopped) return;
      // A run started meanwhile (POST /v1/analysis, the tick) may have counted before these records: wait for it too.
      if (this.runs.busy || this.checking) continue;
      this.arrived = false;
      await this.check();
    }
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
