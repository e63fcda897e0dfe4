import { Router } from 'express';
import { AuditQuerySchema } from '../../audit/auditEvent';
import type { AuditTrail } from '../../audit/auditTrail';
import { requireRole } from '../authentication';
import { parseInput, sendRecords } from '../requestContext';

export function auditRouter(trail: AuditTrail): Router {
  const router = Router();
  router.get('/audit', requireRole('admin'), async (req, res) => {
    const page = await trail.read(parseInput(AuditQuerySchema, req.query, 'query'));
    sendRecords(res, page, page.events.length);
  });
  return router;
}
