import pino from 'pino';
import { limitHeapGrowth } from '../analysis/analysisHeap';
import { loadConfig } from '../config';
import { startServer } from '../http/server';
import { GraphDatabase, resolveNeo4jSettings } from '../neo4j/graphDatabase';

/** npm start: the HTTP API against the configured Neo4j (the local one when NEO4J_URI is unset). */
async function main(): Promise<void> {
  limitHeapGrowth();
  const config = loadConfig();
  const logger = pino({ level: config.LOG_LEVEL });
  const db = new GraphDatabase(await resolveNeo4jSettings(config, (line) => logger.info(line)));
  await applySchemaWhenReachable(db, logger);
  const server = await startServer(config, db, { logger });
  const shutdown = () => {
    logger.info('shutting down');
    void server.close().then(() => db.close()).then(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
}

/** The API stays up while Neo4j is away (answering 503); the schema is applied once it answers. */
async function applySchemaWhenReachable(db: GraphDatabase, logger: pino.Logger): Promise<void> {
  try {
    await db.applySchema();
  } catch (error) {
    logger.warn({ err: error }, 'Neo4j is not reachable yet; retrying the schema in 5 s');
    setTimeout(() => void applySchemaWhenReachable(db, logger), 5000).unref();
  }
}

main().catch((error: Error) => {
  console.error(`ringsight: ${error.message}`);
  process.exit(1);
});
