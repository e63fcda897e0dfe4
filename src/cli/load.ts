import { loadConfig } from '../config';
import { BulkLoadError, BulkWriteError, bulkLoad } from '../ingest/bulkLoad';
import { RecordFileError } from '../bulk/recordFiles';
import { countGraph } from '../neo4j/graphCounts';
import { GraphDatabase, resolveNeo4jSettings } from '../neo4j/graphDatabase';
import { bulkLoadProgress } from './progress';

/** npm run load -- <file or folder>: streams bulk NDJSON/CSV files into Neo4j. */
async function main(): Promise<number> {
  const path = process.argv[2];
  if (!path) {
    console.error('usage: npm run load -- <file or folder>\n  one <kind>.ndjson or <kind>.csv per array of the ingest contract');
    return 2;
  }
  const db = new GraphDatabase(await resolveNeo4jSettings(loadConfig()));
  try {
    await db.applySchema();
    const progress = bulkLoadProgress();
    const summary = await bulkLoad(db, path, { onProgress: progress.onProgress }).finally(progress.stop);
    const rate = Math.round(summary.total / Math.max(summary.writeMs / 1000, 0.001));
    console.log(`\nLoaded ${summary.total.toLocaleString('en')} records from ${path} into ${db.settings.uri}`);
    for (const [kind, n] of Object.entries(summary.records)) if (n > 0) console.log(`  ${kind.padEnd(18)} ${n.toLocaleString('en')}`);
    console.log(
      `  validated (records, keys and references) in ${(summary.validateMs / 1000).toFixed(1)} s, written in ${(summary.writeMs / 1000).toFixed(1)} s (${rate.toLocaleString('en')} records/s)`,
    );
    console.log(`  created ${summary.written.nodesCreated.toLocaleString('en')} nodes and ${summary.written.relationshipsCreated.toLocaleString('en')} relationships`);
    const counts = await countGraph(db);
    console.log(`  the graph now holds: ${Object.entries(counts.nodes).map(([l, n]) => `${n.toLocaleString('en')} ${l}`).join(', ')}`);
    return 0;
  } catch (error) {
    if (error instanceof BulkLoadError) {
      console.error(`\nNothing was written: ${error.problems.length} problem(s) in the input`);
      for (const p of error.problems) console.error(`  ${p.file}${p.line === null ? '' : `:${p.line}`}${p.path ? ` ${p.path}` : ''}: ${p.message}`);
      return 1;
    }
    if (error instanceof BulkWriteError) {
      console.error(`\n${error.message}`);
      return 1;
    }
    if (error instanceof RecordFileError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`load: ${error.message}`);
    process.exit(1);
  },
);
