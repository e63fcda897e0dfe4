import { Router } from 'express';
import type { GraphDatabase } from '../../neo4j/graphDatabase';
import { ingestBatch } from '../../ingest/ingestBatch';

export function ingestRouter(db: GraphDatabase): Router {
  const router = Router();
  router.post('/ingest', async (req, res) => {
    const summary = await ingestBatch(db, req.body);
    res.status(200).json(summary);
  });
  return router;
}
