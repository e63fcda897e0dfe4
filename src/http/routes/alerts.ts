import { Router } from 'express';
import { alertDetail, listAlerts } from '../../alerts/listAlerts';
import type { AlertStore } from '../../alerts/ports';
import { AlertIdParamsSchema, AlertListQuerySchema } from '../../alerts/schemas';
import { parseInput, redactorFor, sendRecords } from '../requestContext';

export function alertsRouter(store: AlertStore): Router {
  const router = Router();
  router.get('/alerts', async (req, res) => {
    const list = await listAlerts(store, redactorFor(res), parseInput(AlertListQuerySchema, req.query, 'query'));
    sendRecords(res, list, list.alerts.length);
  });
  router.get('/alerts/:id', async (req, res) => {
    const { id } = parseInput(AlertIdParamsSchema, req.params, 'params');
    sendRecords(res, await alertDetail(store, redactorFor(res), id), 1);
  });
  return router;
}
