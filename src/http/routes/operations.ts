import { Router } from 'express';
import type { Registry } from 'prom-client';
import { AppError } from '../../errors';
import type { GraphDatabase } from '../../neo4j/graphDatabase';
import { missingSchema } from '../../neo4j/readiness';

/** Probes and metrics: for orchestrators and Prometheus, without a key and without personal data. */
export function operationsRouter(db: GraphDatabase, registry: Registry): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const missing = await missingSchema(db);
    if (missing.length > 0) {
      throw new AppError(503, 'schema_not_ready', 'Neo4j answers but the schema is not fully applied yet', missing.map((name) => ({ path: name, message: 'missing or not online' })));
    }
    res.json({ status: 'ready', neo4j: db.settings.uri.replace(/\/\/[^@]*@/, '//') });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}
