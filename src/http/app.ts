import express, { type Express } from 'express';
import pino, { type Logger } from 'pino';
import type { GraphDatabase } from '../neo4j/graphDatabase';
import { errorHandler, notFound } from './errorHandler';
import { ingestRouter } from './routes/ingest';
import { analysisRouter } from './routes/analysis';
import { AnalysisRuns } from '../analysis/analysisRuns';

/** The HTTP API's body limit; larger data sets go through the streaming bulk loader. */
export const MAX_BODY = '16mb';

export interface AppDependencies {
  db: GraphDatabase;
  logger?: Logger;
  analysisRuns?: AnalysisRuns;
}

export function createApp({ db, logger = pino({ level: 'silent' }), analysisRuns = new AnalysisRuns(db) }: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: MAX_BODY }));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use('/v1', ingestRouter(db));
  app.use('/v1', analysisRouter(analysisRuns));
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
