import { Router } from 'express';
import { AnalysisRequestSchema, type AnalysisRuns } from '../../analysis/analysisRuns';
import { describeZodError } from '../../contract/validationIssues';
import { invalidInput } from '../../errors';
import { requireRole } from '../authentication';
import { jsonBody } from '../jsonBody';

export function analysisRouter(runs: AnalysisRuns): Router {
  const router = Router();
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
