import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { loadConfig } from '../config';
import { BulkLoadError, BulkWriteError, DEFAULT_WRITERS, bulkLoad } from '../ingest/bulkLoad';
import { DatabaseNotEmptyError, initialImport, prepareImport, type ImportStep } from '../ingest/initialImport';
import { importArguments } from '../importer/importFiles';
import { RecordFileError } from '../bulk/recordFiles';
import { countGraph } from '../neo4j/graphCounts';
import { GraphDatabase, resolveNeo4jSettings } from '../neo4j/graphDatabase';
import { INSTANCES, type LocalInstance } from '../neo4j/localServer';
import { bulkLoadProgress, Progress } from './progress';
import { Neo4jIngestStore } from '../neo4j/ingestStore';

const USAGE = `usage: npm run load -- <file or folder> [--writers 2]  add records through transactions (any database), that many at once
       npm run load -- --initial <folder> [--instance local]  first load of an empty local database by Neo4j's offline importer
       npm run load -- --initial <folder> --import-files <dir>   validate and write the importer's files for a server of your own
  one <kind>.ndjson or <kind>.csv per array of the ingest contract`;

/** npm run load -- [--initial [--import-files <dir>]] <file or folder>: bulk NDJSON/CSV files into Neo4j. */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { initial: { type: 'boolean', default: false }, 'import-files': { type: 'string' }, instance: { type: 'string', default: 'local' }, writers: { type: 'string' } } });
  const instance = INSTANCES[values.instance as keyof typeof INSTANCES];
  const path = positionals[0];
  if (!path || positionals.length > 1 || (values['import-files'] && !values.initial) || !instance) {
    console.error(USAGE);
    return 2;
  }
  const writers = values.writers === undefined ? DEFAULT_WRITERS : Number(values.writers);
  if (!Number.isInteger(writers) || writers < 1 || (values.writers !== undefined && values.initial)) {
    console.error(values.initial ? '--writers is for the transactional loader; --initial runs the offline importer' : `--writers must be a whole number of at least 1, not "${values.writers}"`);
    console.error(USAGE);
    return 2;
  }
  try {
    if (values.initial) return values['import-files'] ? await writeFilesForOwnServer(path, resolve(values['import-files'])) : await importIntoLocalServer(path, instance);
    return await loadThroughTransactions(path, writers);
  } catch (error) {
    if (error instanceof BulkLoadError) {
      console.error(`\nNothing was written: ${error.problems.length} problem(s) in the input`);
      for (const p of error.problems) console.error(`  ${p.file}${p.line === null ? '' : `:${p.line}`}${p.path ? ` ${p.path}` : ''}: ${p.message}`);
      return 1;
    }
    if (error instanceof BulkWriteError || error instanceof DatabaseNotEmptyError || error instanceof RecordFileError) {
      console.error(`\n${error.message}`);
      return 1;
    }
    throw error;
  }
}

async function loadThroughTransactions(path: string, writers: number): Promise<number> {
  const db = new GraphDatabase(await resolveNeo4jSettings(loadConfig()));
  try {
    await db.applySchema();
    const progress = bulkLoadProgress();
    const summary = await bulkLoad(new Neo4jIngestStore(db), path, { onProgress: progress.onProgress, writers }).finally(progress.stop);
    const rate = Math.round(summary.total / Math.max(summary.writeMs / 1000, 0.001));
    console.log(`\nLoaded ${summary.total.toLocaleString('en')} records from ${path} into ${db.settings.uri}`);
    for (const [kind, n] of Object.entries(summary.records)) if (n > 0) console.log(`  ${kind.padEnd(18)} ${n.toLocaleString('en')}`);
    console.log(
      `  validated (records, keys and references) in ${(summary.validateMs / 1000).toFixed(1)} s, written in ${(summary.writeMs / 1000).toFixed(1)} s (${rate.toLocaleString('en')} records/s)`,
    );
    console.log(`  created ${summary.written.nodesCreated.toLocaleString('en')} nodes and ${summary.written.relationshipsCreated.toLocaleString('en')} relationships`);
    await printGraph(db);
    return 0;
  } finally {
    await db.close();
  }
}

const STEP_LABELS: Record<ImportStep, string> = {
  checking: 'checking that the database is empty',
  validating: 'validating',
  converting: 'converting to the importer\'s CSV files',
  stopping: 'stopping Neo4j',
  importing: 'importing (neo4j-admin database import full)',
  starting: 'starting Neo4j',
  schema: 'applying the schema (constraints and indexes)',
};

/** Progress of an import: a bar while validating, a line per step after it. */
function importProgress(): { onProgress: (step: ImportStep, done: number, total: number | null) => void; stop(): void } {
  const validating = new Progress('validating');
  let step: ImportStep | null = null;
  return {
    onProgress: (next, done, total) => {
      if (next === 'validating') validating.update(done, total);
      if (next === step) return;
      if (step === 'validating') validating.stop();
      step = next;
      if (next !== 'validating') console.error(`${STEP_LABELS[next]}...`);
    },
    stop: () => validating.stop(),
  };
}

async function importIntoLocalServer(path: string, instance: LocalInstance): Promise<number> {
  const config = loadConfig();
  if (config.NEO4J_URI) {
    console.error(
      `--initial runs Neo4j's offline importer on the project's local server, and NEO4J_URI names another (${config.NEO4J_URI}).\n` +
        'For a server of your own: npm run load -- --initial <folder> --import-files <dir> validates the files against it, writes the\n' +
        "importer's files into <dir> and prints the neo4j-admin command to run there (see the README, \"A first load at import speed\").",
    );
    return 2;
  }
  const progress = importProgress();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const summary = await initialImport(instance, config.NEO4J_DATABASE, path, { onProgress: progress.onProgress, log }).finally(progress.stop);
  const seconds = summary.ms.total / 1000;
  console.log(`\nImported ${summary.total.toLocaleString('en')} records from ${path} in ${seconds.toFixed(1)} s (${Math.round(summary.total / seconds).toLocaleString('en')} records/s)`);
  for (const [kind, n] of Object.entries(summary.records)) if (n > 0) console.log(`  ${kind.padEnd(18)} ${n.toLocaleString('en')}`);
  console.log(`  ${Object.entries(summary.ms).filter(([s]) => s !== 'total').map(([s, ms]) => `${s} ${(ms / 1000).toFixed(1)} s`).join(', ')}`);
  const db = new GraphDatabase(await resolveNeo4jSettings(config, undefined, instance));
  try {
    await printGraph(db);
  } finally {
    await db.close();
  }
  return 0;
}

async function writeFilesForOwnServer(path: string, dir: string): Promise<number> {
  const config = loadConfig();
  const db = new GraphDatabase(await resolveNeo4jSettings(config));
  const progress = importProgress();
  try {
    const { files, total } = await prepareImport(db, path, dir, { onProgress: progress.onProgress }).finally(progress.stop);
    const args = importArguments(files, config.NEO4J_DATABASE, { threads: 2, maxOffHeapMemory: '90%', reportFile: `${dir}/import.report` });
    console.log(`\nWrote the importer's files for ${total.toLocaleString('en')} validated records into ${dir}. On the server (${db.settings.uri}), with the files at the same path:`);
    console.log(`  neo4j-admin server stop   # or STOP DATABASE ${config.NEO4J_DATABASE} on a server that hosts others`);
    console.log(`  neo4j-admin ${args.map((a) => (/[\s'"]/.test(a) ? `'${a}'` : a)).join(' ')}`);
    console.log('  neo4j-admin server start');
    console.log('Then any ringsight command (npm run analyze, npm start) applies the constraints and indexes of cypher/schema.cypher.');
    return 0;
  } finally {
    await db.close();
  }
}

async function printGraph(db: GraphDatabase): Promise<void> {
  const counts = await countGraph(db);
  console.log(`  the graph now holds: ${Object.entries(counts.nodes).map(([l, n]) => `${n.toLocaleString('en')} ${l}`).join(', ')}`);
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`load: ${error.message}`);
    process.exit(1);
  },
);
