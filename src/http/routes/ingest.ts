import { Router } from 'express';
import type { GraphDatabase } from '../../neo4j/graphDatabase';
import { ingestBatch } from '../../ingest/ingestBatch';
import { requireRole } from '../authentication';
import { jsonBody } from '../jsonBody';
import { Neo4jIngestStore } from '../../neo4j/ingestStore';

/** `onIngested`: told after every batch that committed (the analysis schedule checks at once). */
export function ingestRouter(db: GraphDatabase, onIngested: () => void = () => {}): Router {
  const router = Router();
  router.post('/ingest', requireRole('admin'), ...jsonBody({ required: true }), async (req, res) => {
    const summary = await ingestBatch(new Neo4jIngestStore(db), req.body);
    onIngested();
    res.status(200).json(summary);
  });
  return router;
}
