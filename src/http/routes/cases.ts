import { Router } from 'express';
import { caseDetail, listCases } from '../../cases/caseViews';
import type { CaseStore } from '../../cases/ports';
import { CaseIdParamsSchema, CaseListQuerySchema, CaseUpdateRequestSchema } from '../../cases/schemas';
import { updateCase } from '../../cases/updateCase';
import { requireRole } from '../authentication';
import { jsonBody } from '../jsonBody';
import { authenticatedPrincipal, parseInput, redactorFor, sendRecords } from '../requestContext';

export function casesRouter(store: CaseStore): Router {
  const router = Router();
  router.get('/cases', async (req, res) => {
    const list = await listCases(store, parseInput(CaseListQuerySchema, req.query, 'query'));
    sendRecords(res, list, list.cases.length);
  });
  router.get('/cases/:id', async (req, res) => {
    const { id } = parseInput(CaseIdParamsSchema, req.params, 'params');
    sendRecords(res, await caseDetail(store, redactorFor(res), id), 1);
  });
  router.patch('/cases/:id', requireRole('investigator'), ...jsonBody({ required: true }), async (req, res) => {
    const { id } = parseInput(CaseIdParamsSchema, req.params, 'params');
    await updateCase(store, authenticatedPrincipal(res), id, parseInput(CaseUpdateRequestSchema, req.body, 'body'));
    sendRecords(res, await caseDetail(store, redactorFor(res), id), 1);
  });
  return router;
}
