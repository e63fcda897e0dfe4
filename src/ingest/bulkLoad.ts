import { RECORD_KINDS, RecordSchemas, type IngestBatch, type RecordKind } from '../contract/ingestBatch';
import { definedIds, emptyIds, referencesOf, unknownReferenceMessage, type IdsByKind, type ReferencedKind } from '../contract/references';
import { formatPath } from '../contract/validationIssues';
import { listRecordFiles, readRecordFiles, RecordFileError, type RawRecord } from '../bulk/recordFiles';
import type { GraphDatabase } from '../neo4j/graphDatabase';
import { addCounters, findMissingIds, writeRecords, zeroCounters, type WriteCounters } from '../neo4j/ingestWriter';

/**
 * The bulk loader: the same contract and the same Cypher as POST /v1/ingest, for data
 * sets too large for one request. It reads the files twice, streaming both times, so
 * memory stays flat: the first pass validates every record and every reference (and
 * writes nothing if any is wrong), the second writes in transactions of BATCH_SIZE.
 */

export const BATCH_SIZE = 10_000;
/** The first problems are enough to fix a file; past this the loader stops reading. */
export const MAX_REPORTED_PROBLEMS = 50;

export interface LoadProblem {
  file: string;
  line: number | null;
  path?: string;
  message: string;
}

export class BulkLoadError extends Error {
  constructor(readonly problems: LoadProblem[]) {
    super(`${problems.length} problem(s) found; nothing was written`);
    this.name = 'BulkLoadError';
  }
}

export type LoadPhase = 'validating' | 'writing';

export interface LoadOptions {
  onProgress?: (phase: LoadPhase, done: number, total: number | null) => void;
}

export interface LoadSummary {
  records: Record<RecordKind, number>;
  total: number;
  written: WriteCounters;
  validateMs: number;
  writeMs: number;
  /** Wall time of each kind's writes (kinds are written one after another). */
  writeMsByKind: Partial<Record<RecordKind, number>>;
}

interface WriteSummary {
  counters: WriteCounters;
  msByKind: Partial<Record<RecordKind, number>>;
}

export async function bulkLoad(db: GraphDatabase, path: string, options: LoadOptions = {}): Promise<LoadSummary> {
  const progress = options.onProgress ?? (() => {});
  const startedAt = Date.now();
  await listRecordFiles(path); // fails early, before any reading, on a wrong path or name
  const scan = await validateAll(path, (done) => progress('validating', done, null));
  await checkReferencesInGraph(db, scan);
  const validatedAt = Date.now();
  const { counters, msByKind } = await writeAll(db, path, (done) => progress('writing', done, scan.total));
  return { records: scan.records, total: scan.total, written: counters, validateMs: validatedAt - startedAt, writeMs: Date.now() - validatedAt, writeMsByKind: msByKind };
}

interface Scan {
  records: Record<RecordKind, number>;
  total: number;
  /** Referenced ids not defined in the files, with where each was first used. */
  openReferences: Map<string, LoadProblem & { kind: ReferencedKind; id: string }>;
}

const parseRecord = (record: RawRecord) => RecordSchemas[record.kind].safeParse(record.raw);

/** Reads raw records, turning a malformed line into a problem instead of an exception. */
async function* readSafely(path: string, problems: LoadProblem[]): AsyncGenerator<RawRecord> {
  try {
    yield* readRecordFiles(path);
  } catch (error) {
    if (!(error instanceof RecordFileError)) throw error;
    problems.push({ file: error.file, line: error.line, message: error.reason });
  }
}

async function validateAll(path: string, progress: (done: number) => void): Promise<Scan> {
  const problems: LoadProblem[] = [];
  const records = Object.fromEntries(RECORD_KINDS.map((k) => [k, 0])) as Record<RecordKind, number>;
  const defined: IdsByKind = emptyIds();
  const openReferences: Scan['openReferences'] = new Map();
  let total = 0;
  for await (const record of readSafely(path, problems)) {
    total++;
    records[record.kind]++;
    if (total % 10_000 === 0) progress(total);
    const parsed = parseRecord(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ file: record.file, line: record.line, path: formatPath(issue.path), message: issue.message });
      }
      if (problems.length >= MAX_REPORTED_PROBLEMS) break;
      continue;
    }
    // Files come in dependency order, so every id a record may point at is known by now.
    const single = { [record.kind]: [parsed.data] } as IngestBatch;
    definedIds(single, defined);
    for (const ref of referencesOf(single)) {
      const key = `${ref.kind}\u0000${ref.id}`;
      if (!defined[ref.kind].has(ref.id) && !openReferences.has(key)) {
        openReferences.set(key, { kind: ref.kind, id: ref.id, file: record.file, line: record.line, path: ref.path.replace(/^[^.]+\./, ''), message: '' });
      }
    }
  }
  progress(total);
  if (problems.length > 0) throw new BulkLoadError(problems.slice(0, MAX_REPORTED_PROBLEMS));
  return { records, total, openReferences };
}

/** References the files leave open must already be in the graph. */
async function checkReferencesInGraph(db: GraphDatabase, scan: Scan): Promise<void> {
  if (scan.openReferences.size === 0) return;
  const wanted = emptyIds();
  for (const ref of scan.openReferences.values()) wanted[ref.kind].add(ref.id);
  const missing = await db.read((tx) => findMissingIds(tx, wanted));
  const problems = [...scan.openReferences.values()]
    .filter((ref) => missing[ref.kind].has(ref.id))
    .map(({ file, line, path, kind, id }) => ({ file, line, path, message: unknownReferenceMessage(kind, id) }));
  if (problems.length > 0) throw new BulkLoadError(problems.slice(0, MAX_REPORTED_PROBLEMS));
}

/** One write transaction of the second pass: `ran` settles when its statements have run, `committed` when it is durable. */
interface Transaction {
  ran: Promise<void>;
  committed: Promise<void>;
}

/**
 * Writes in transactions of BATCH_SIZE records while the next batch is read and parsed.
 * A transaction may start while the previous one commits (a third of a batch's time),
 * but only once the previous one's statements have run, so two never wait on each
 * other's locks; and only for the same kind of record, because a later kind MATCHes
 * entities an earlier kind created, which must be committed (visible) by then.
 */
async function writeAll(db: GraphDatabase, path: string, progress: (done: number) => void): Promise<WriteSummary> {
  const counters = zeroCounters();
  const msByKind: Partial<Record<RecordKind, number>> = {};
  const inFlight: Transaction[] = [];
  let current: RecordKind | null = null;
  let kindStartedAt = 0;
  let done = 0;

  const drain = async (keep = 0) => {
    while (inFlight.length > keep) await inFlight.shift()!.committed;
  };
  const closeKind = async () => {
    await drain();
    if (current) msByKind[current] = (msByKind[current] ?? 0) + (Date.now() - kindStartedAt);
  };

  const start = async (kind: RecordKind, rows: unknown[]) => {
    if (current !== kind) {
      await closeKind();
      current = kind;
      kindStartedAt = Date.now();
    }
    await drain(1);
    const previous = inFlight[inFlight.length - 1];
    if (previous) await Promise.race([previous.ran, previous.committed]);
    let markRan!: () => void;
    const ran = new Promise<void>((resolve) => (markRan = resolve));
    const committed = db
      .write(async (tx) => {
        const written = await writeRecords(tx, kind, rows as never);
        markRan();
        return written;
      })
      .then((written) => {
        addCounters(counters, written);
        done += rows.length;
        progress(done);
      });
    // Awaited in turn by drain(); until then a failure must not surface as unhandled.
    committed.catch(() => {});
    inFlight.push({ ran, committed });
  };

  let pending: { kind: RecordKind; rows: unknown[] } | null = null;
  for await (const record of readRecordFiles(path)) {
    if (pending && (pending.kind !== record.kind || pending.rows.length >= BATCH_SIZE)) {
      await start(pending.kind, pending.rows);
      pending = null;
    }
    pending ??= { kind: record.kind, rows: [] };
    const parsed = parseRecord(record);
    // Validated in the first pass; a file changed in between is caught here, not written.
    if (!parsed.success) {
      await drain().catch(() => {});
      throw new BulkLoadError([{ file: record.file, line: record.line, message: 'the file changed during the load' }]);
    }
    pending.rows.push(parsed.data);
  }
  if (pending && pending.rows.length > 0) await start(pending.kind, pending.rows);
  await closeKind();
  return { counters, msByKind };
}
