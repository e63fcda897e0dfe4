import { z } from 'zod';
import { DetectionOptionsSchema } from '../detection';
import { AppError } from '../errors';
import type { GraphDatabase } from '../neo4j/graphDatabase';
import { runAnalysisInWorker } from './analysisWorker';
import { newRunId, type AnalysisProgress, type AnalysisSummary } from './runAnalysis';

/** What a client may set for a run: every detection option except the progress callback. */
export const AnalysisRequestSchema = z.strictObject({
  options: DetectionOptionsSchema.omit({ onProgress: true }).partial().optional(),
});
export type AnalysisRequest = z.infer<typeof AnalysisRequestSchema>;

export interface AnalysisRunStatus {
  runId: string;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  progress: AnalysisProgress;
  summary?: AnalysisSummary;
  error?: string;
}

/**
 * Runs analyses in the background on a worker thread, one at a time: two runs at once
 * would each replace the other's rings. Keeps the status of the runs this process started.
 */
export class AnalysisRuns {
  private readonly runs = new Map<string, AnalysisRunStatus>();
  private current: string | null = null;

  constructor(private readonly db: GraphDatabase) {}

  start(request: AnalysisRequest): AnalysisRunStatus {
    if (this.current) {
      throw new AppError(409, 'analysis_running', `Analysis ${this.current} is still running; wait for it to finish (GET /v1/analysis/${this.current})`);
    }
    const runId = newRunId();
    const status: AnalysisRunStatus = {
      runId,
      status: 'running',
      startedAt: new Date().toISOString(),
      progress: { stage: 'reading', done: 0, total: 0 },
    };
    this.runs.set(runId, status);
    this.current = runId;
    runAnalysisInWorker(this.db.settings, request.options ?? {}, (p) => (status.progress = p), runId)
      .then((summary) => Object.assign(status, { status: 'succeeded', summary }))
      .catch((error: Error) => Object.assign(status, { status: 'failed', error: error.message }))
      .finally(() => (this.current = null));
    return status;
  }

  get(runId: string): AnalysisRunStatus {
    const status = this.runs.get(runId);
    if (!status) throw new AppError(404, 'not_found', `No analysis run "${runId}" is known to this server`);
    return status;
  }

  /** Resolves when no run is in progress (for shutdown and tests). */
  async idle(): Promise<void> {
    while (this.current) await new Promise((r) => setTimeout(r, 50));
  }
}
