import { Router } from 'express';
import { z } from 'zod';
import { AnalysisProgressSchema, AnalysisRequestSchema, type AnalysisRuns } from '../../analysis/analysisRuns';
import { AnalysisRunSchema } from '../../contract/analysisRun';
import type { ScheduledAnalysis } from '../../schedule/scheduledAnalysis';
import { describeZodError } from '../../contract/validationIssues';
import { invalidInput } from '../../errors';
import { requireRole } from '../authentication';
import { jsonBody } from '../jsonBody';
import { parseInput, sendRecords } from '../requestContext';

export const AnalysisListQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(10).meta({ description: 'Runs, newest first, 1–100' }) });

/** The latest runs, the one in progress here, and the schedule the server runs them on (null when it has none). */
export const AnalysisListSchema = z
  .object({
    runs: z.array(AnalysisRunSchema),
    inProgress: z.object({ runId: z.string(), progress: AnalysisProgressSchema }).nullable(),
    schedule: z
      .object({
        intervalMinutes: z.number().int(),
        afterRecords: z.number().int(),
        checkSeconds: z.number().int(),
        started: z.array(z.object({ runId: z.string(), reason: z.enum(['interval', 'records']), at: z.string() })).meta({ description: 'Runs the schedule started since the server started, newest first (at most 10)' }),
      })
      .nullable(),
  })
  .meta({ id: 'AnalysisList' });

export function analysisRouter(runs: AnalysisRuns, schedule: ScheduledAnalysis | null = null): Router {
  const router = Router();
  router.get('/analysis', requireRole('admin'), async (req, res) => {
    const { limit } = parseInput(AnalysisListQuerySchema, req.query, 'query');
    const latest = await runs.list(limit);
    sendRecords(res, { runs: latest, inProgress: runs.inProgress, schedule: schedule?.status() ?? null }, latest.length);
  });
  router.post('/analysis', requireRole('admin'), ...jsonBody({ required: false }), (req, res) => {
    const parsed = AnalysisRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success) throw invalidInput('Invalid analysis request', describeZodError(parsed.error));
    const { runId, status } = runs.start(parsed.data);
    res.status(202).location(`/v1/analysis/${runId}`).json({ runId, status });
  });
  router.get('/analysis/:runId', requireRole('admin'), async (req, res) => {
    res.json(await runs.get(String(req.params.runId)));
  });
  return router;
}
