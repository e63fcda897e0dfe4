import { Router } from 'express';
import type { GraphDatabase } from '../../neo4j/graphDatabase';
import { ingestBatch } from '../../ingest/ingestBatch';
import { requireRole } from '../authentication';
import { jsonBody } from '../jsonBody';

export function ingestRouter(db: GraphDatabase): Router {
  const router = Router();
  router.post('/ingest', requireRole('admin'), ...jsonBody({ required: true }), async (req, res) => {
    const summary = await ingestBatch(db, req.body);
    res.status(200).json(summary);
  });
  return router;
}
