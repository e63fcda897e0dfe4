/**
 * The first load at import speed (npm run load -- --initial): validation, conversion to the
 * importer's CSV files, neo4j-admin import on the stopped `import` instance, restart and
 * schema, timed end to end and by step, into a cleared database.
 */
import { initialImport, type ImportStep } from '../src/ingest/initialImport';
import { clearGraph } from '../src/neo4j/clearGraph';
import { GraphDatabase } from '../src/neo4j/graphDatabase';
import { ensureLocalNeo4j, type LocalInstance } from '../src/neo4j/localServer';

export interface ImportFigures {
  borrowers: number;
  records: number;
  /** Wall time of the whole import, validation and restart included. */
  ms: number;
  recordsPerSecond: number;
  msByStep: Record<ImportStep, number>;
}

export async function measureInitialImport(instance: LocalInstance, borrowers: number, folder: string, log: (line: string) => void): Promise<ImportFigures> {
  const server = await ensureLocalNeo4j(instance, log);
  const db = new GraphDatabase({ uri: server.uri, user: server.user, password: server.password, database: 'neo4j' });
  try {
    await clearGraph(db);
  } finally {
    await db.close();
  }
  let lastStep = '';
  const summary = await initialImport(instance, 'neo4j', folder, {
    log: () => {},
    onProgress: (step) => {
      if (step !== lastStep) log(`  import ${borrowers}: ${(lastStep = step)}`);
    },
  });
  const { total, ...msByStep } = summary.ms;
  return { borrowers, records: summary.total, ms: total, recordsPerSecond: Math.round(summary.total / (total / 1000)), msByStep };
}
