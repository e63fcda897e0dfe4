import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordKind } from '../contract/ingestBatch';
import { ImportFileWriter, importArguments, type ImportFiles } from '../importer/importFiles';
import { GraphDatabase } from '../neo4j/graphDatabase';
import { graphIsEmpty } from '../neo4j/ingestWriter';
import { ensureLocalNeo4j, homeOf, portOpen, stopLocalNeo4j, type LocalInstance } from '../neo4j/localServer';
import { runOfflineImport } from '../neo4j/offlineImport';
import { validateRecordFiles, type ValidateOptions } from './validateRecordFiles';
import { Neo4jIngestStore } from '../neo4j/ingestStore';
import { emptyGraph } from './emptyGraph';
import type { IngestStore } from './ports';

/**
 * A first load at import speed: the files are validated exactly as the bulk loader
 * validates them (validateRecordFiles, nothing written if anything is wrong), against an
 * empty graph while the local server stops, converted to the offline importer's CSV
 * files as they are, and imported into the server's store by `neo4j-admin database
 * import full`; the server is then started again and the schema applied, as after any
 * load. The importer replaces the whole store, so this only ever runs into an empty
 * database.
 */

export type ImportStep = 'checking' | 'validating' | 'converting' | 'stopping' | 'importing' | 'starting' | 'schema';

export interface ImportOptions extends ValidateOptions {
  /** A step starts; for `validating`, also called as records are done. */
  onProgress?: (step: ImportStep, done: number, total: number | null) => void;
  log?: (line: string) => void;
  /** Where to write the import files (default: inside the instance's home); they are deleted after a local import. */
  filesDir?: string;
  /** The importer's off-heap memory (its --max-off-heap-memory). */
  maxOffHeapMemory?: string;
  /** False only to overwrite the leftovers of an import that did not finish. */
  requireEmpty?: boolean;
}

export interface ImportSummary {
  records: Record<RecordKind, number>;
  total: number;
  nodes: number;
  relationships: number;
  /** Wall time of each step, in milliseconds. */
  ms: Record<ImportStep, number> & { total: number };
}

export class DatabaseNotEmptyError extends Error {
  constructor(
    readonly uri: string,
    readonly nodes: number,
  ) {
    super(
      `The database at ${uri} already holds ${nodes.toLocaleString('en')} nodes. --initial replaces the whole store, ` +
        'so it only loads into an empty database: add these files to what is there with `npm run load -- <folder>` ' +
        '(the transactional loader), or empty the database first.',
    );
    this.name = 'DatabaseNotEmptyError';
  }
}

/** Set while the store is being replaced: a re-run after a failed import may then overwrite it without the emptiness check. */
const unfinishedMarker = (instance: LocalInstance) => join(homeOf(instance), 'import-unfinished');

/** Schema statements at once after the import, which index every imported node (GraphDatabase.applySchema). */
const SCHEMA_LANES = 2;

async function refuseIfNotEmpty(db: GraphDatabase): Promise<void> {
  const { empty, nodes } = await db.read((tx) => graphIsEmpty(tx));
  if (!empty) throw new DatabaseNotEmptyError(db.settings.uri, nodes);
}

/**
 * Validates and converts the files for an import into `folder`, against the database the
 * import will go to (which must be empty); for a server of the user's own, where this
 * process cannot run the importer itself.
 */
export async function prepareImport(db: GraphDatabase, path: string, folder: string, options: ImportOptions = {}): Promise<PreparedImport> {
  (options.onProgress ?? (() => {}))('checking', 0, null);
  if (options.requireEmpty !== false) await refuseIfNotEmpty(db);
  return convertForImport(new Neo4jIngestStore(db), path, folder, options);
}

type PreparedImport = { files: ImportFiles; records: Record<RecordKind, number>; total: number };

/** Validates the files against `store` and writes the importer's files into `folder`, or none if anything is wrong. */
async function convertForImport(store: IngestStore, path: string, folder: string, options: ImportOptions): Promise<PreparedImport> {
  const progress = options.onProgress ?? (() => {});
  progress('validating', 0, null);
  // Records are converted as validation accepts them: the files are thrown away if it fails.
  const writer = new ImportFileWriter(folder);
  try {
    const validated = await validateRecordFiles(store, path, writer, (done) => progress('validating', done, null), options);
    progress('converting', 0, validated.total);
    const files = await writer.finish(new Date().toISOString());
    return { files, records: validated.records, total: validated.total };
  } catch (error) {
    await writer.discard();
    throw error;
  }
}

export async function initialImport(instance: LocalInstance, database: string, path: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const log = options.log ?? (() => {});
  const ms = { checking: 0, validating: 0, converting: 0, stopping: 0, importing: 0, starting: 0, schema: 0, total: 0 };
  const startedAt = Date.now();
  let step: ImportStep | null = null;
  let stepStartedAt = startedAt;
  const enter = (next: ImportStep | null) => {
    const now = Date.now();
    if (step) ms[step] += now - stepStartedAt;
    step = next;
    stepStartedAt = now;
  };
  const progress = (next: ImportStep, done: number, total: number | null) => {
    if (next !== step) enter(next);
    options.onProgress?.(next, done, total);
  };

  const folder = options.filesDir ?? join(homeOf(instance), 'import', `initial-${Date.now()}`);
  const server = await ensureLocalNeo4j(instance, log);
  let db = new GraphDatabase({ uri: server.uri, user: server.user, password: server.password, database });
  const unfinished = existsSync(unfinishedMarker(instance));
  try {
    if (unfinished) log(`A previous import into Neo4j (${instance.name}) did not finish; its partial store will be replaced.`);
    progress('checking', 0, null);
    if (!unfinished) await refuseIfNotEmpty(db);
    await db.close();

    // The database is empty (or the leftovers of an import the importer will replace), so
    // the records are checked against an empty graph while the server stops: nothing can
    // be written meanwhile, and the stop (about 7 s) is off the import's critical path.
    const stopping = stopLocalNeo4j(instance, log).then(
      () => null,
      (error: Error) => error,
    );
    let prepared: PreparedImport;
    try {
      prepared = await convertForImport(emptyGraph, path, folder, { ...options, onProgress: progress });
      progress('stopping', 0, null);
      const notStopped = await stopping;
      if (notStopped) throw notStopped;
    } catch (error) {
      // Nothing was imported: the server comes back as it was.
      await stopping;
      await ensureLocalNeo4j(instance, log);
      throw error;
    }
    if (await portOpen(instance.boltPort)) {
      throw new Error(`A Neo4j this checkout did not start answers on port ${instance.boltPort}; it cannot be stopped from here, so nothing was imported`);
    }
    writeFileSync(unfinishedMarker(instance), new Date().toISOString());
    progress('importing', 0, null);
    const args = importArguments(prepared.files, database, { threads: 2, maxOffHeapMemory: options.maxOffHeapMemory ?? '2G', reportFile: join(folder, 'import.report') });
    try {
      await runOfflineImport(instance, args, log).catch((error: Error) => {
        throw new Error(
          `${error.message}. The database was empty before; it may now hold part of the import. Once the cause is fixed, ` +
            'run the same command again: it replaces whatever the failed import left.',
        );
      });
    } finally {
      // Whatever the importer did, the server comes back, so the instance is never left stopped.
      progress('starting', 0, null);
      await ensureLocalNeo4j(instance, log);
    }
    rmSync(unfinishedMarker(instance), { force: true });
    db = new GraphDatabase({ uri: server.uri, user: server.user, password: server.password, database });
    progress('schema', 0, null);
    await db.applySchema({ lanes: SCHEMA_LANES });
    enter(null);
    const files = prepared.files;
    return {
      records: prepared.records,
      total: prepared.total,
      nodes: files.nodes.reduce((n, f) => n + f.rows, 0),
      relationships: files.relationships.reduce((n, f) => n + f.rows, 0),
      ms: { ...ms, total: Date.now() - startedAt },
    };
  } finally {
    await db.close();
    if (!options.filesDir) rmSync(folder, { recursive: true, force: true });
  }
}
