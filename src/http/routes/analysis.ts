import { Router } from 'express';
import { AnalysisRequestSchema, type AnalysisRuns } from '../../analysis/analysisRuns';
import { describeZodError } from '../../contract/validationIssues';
import { invalidInput } from '../../errors';

export function analysisRouter(runs: AnalysisRuns): Router {
  const router = Router();
  router.post('/analysis', (req, res) => {
    const parsed = AnalysisRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success) throw invalidInput('Invalid analysis request', describeZodError(parsed.error));
    const { runId, status } = runs.start(parsed.data);
    res.status(202).location(`/v1/analysis/${runId}`).json({ runId, status });
  });
  router.get('/analysis/:runId', async (req, res) => {
    res.json(await runs.get(req.params.runId));
  });
  return router;
}
