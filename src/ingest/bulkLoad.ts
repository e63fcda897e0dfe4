import { conflictMessage, differingFields, recordFingerprint, RECORD_KEYS } from '../contract/duplicates';
import { EVENT_KINDS, eventConflictMessage, type EventConflict, type EventKind } from '../contract/eventConflicts';
import { RECORD_KINDS, RecordSchemas, type IngestBatch, type RecordKind, type RecordOf } from '../contract/ingestBatch';
import { definedIds, emptyIds, referencesOf, unknownReferenceMessage, type IdsByKind, type ReferencedKind } from '../contract/references';
import { formatPath } from '../contract/validationIssues';
import { listRecordFiles, readRecordFiles, RecordFileError, type RawRecord } from '../bulk/recordFiles';
import type { GraphDatabase } from '../neo4j/graphDatabase';
import { addCounters, findEventConflicts, findMissingIds, WRITE_CHUNK, writeRecords, zeroCounters, type WriteCounters } from '../neo4j/ingestWriter';

/**
 * The bulk loader: the same contract and the same Cypher as POST /v1/ingest, for data
 * sets too large for one request. It reads the files twice, streaming both times: the
 * first pass validates every record, every reference, every repeated key and every event
 * already in the graph (and writes nothing if any is wrong), the second writes in
 * transactions of BATCH_SIZE. Memory grows only with the number of keyed records (one
 * 48-bit fingerprint per id), never with their size.
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

/** Where the write pass stopped, what it had committed by then, and why. */
export class BulkWriteError extends Error {
  constructor(
    readonly failedAt: { kind: RecordKind; file: string; fromLine: number; toLine: number },
    readonly committed: Record<RecordKind, number>,
    override readonly cause: unknown,
  ) {
    const done = Object.entries(committed).filter(([, n]) => n > 0).map(([kind, n]) => `${n.toLocaleString('en')} ${kind}`);
    super(
      `The write pass stopped at ${failedAt.file} lines ${failedAt.fromLine}-${failedAt.toLine}: ${(cause as Error)?.message ?? String(cause)}. ` +
        `Committed before it: ${done.length > 0 ? done.join(', ') : 'nothing'}. ` +
        'Every write is idempotent: once the cause is fixed, run the same command again and it completes the load without duplicating anything.',
    );
    this.name = 'BulkWriteError';
  }
}

export type LoadPhase = 'validating' | 'writing';

export interface LoadOptions {
  /** Called with done = 0 when a phase starts, then as records are done; `writing` starts exactly when validation ends. */
  onProgress?: (phase: LoadPhase, done: number, total: number | null) => void;
}

export interface LoadSummary {
  records: Record<RecordKind, number>;
  total: number;
  written: WriteCounters;
  /** Validation of records, keys and references, the graph checks included: the whole first pass. */
  validateMs: number;
  writeMs: number;
  /** Wall time of each kind's writes (kinds are written one after another). */
  writeMsByKind: Partial<Record<RecordKind, number>>;
}

interface WriteSummary {
  counters: WriteCounters;
  msByKind: Partial<Record<RecordKind, number>>;
}

const zeroByKind = () => Object.fromEntries(RECORD_KINDS.map((k) => [k, 0])) as Record<RecordKind, number>;
const isEventKind = (kind: RecordKind): kind is EventKind => (EVENT_KINDS as readonly string[]).includes(kind);

export async function bulkLoad(db: GraphDatabase, path: string, options: LoadOptions = {}): Promise<LoadSummary> {
  const progress = options.onProgress ?? (() => {});
  const startedAt = Date.now();
  progress('validating', 0, null);
  await listRecordFiles(path); // fails early, before any reading, on a wrong path or name
  const scan = await validateAll(db, path, (done) => progress('validating', done, null));
  await checkReferencesInGraph(db, scan);
  const validatedAt = Date.now();
  progress('writing', 0, scan.total);
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

/** Per kind, each key's fingerprint: a repeat with another fingerprint is a conflicting duplicate. */
type KeyFingerprints = Partial<Record<RecordKind, Map<string, number>>>;

interface Conflict {
  kind: RecordKind;
  key: string;
  problem: LoadProblem;
}

/** Events waiting to be checked against the graph, in chunks, with the line each came from. */
type PendingEvents = Record<EventKind, { rows: RecordOf<EventKind>[]; at: { file: string; line: number }[] }>;

async function validateAll(db: GraphDatabase, path: string, progress: (done: number) => void): Promise<Scan> {
  const problems: LoadProblem[] = [];
  const records = zeroByKind();
  const defined: IdsByKind = emptyIds();
  const openReferences: Scan['openReferences'] = new Map();
  const fingerprints: KeyFingerprints = {};
  const conflicts: Conflict[] = [];
  const events: PendingEvents = { complaints: { rows: [], at: [] }, calls: { rows: [], at: [] } };
  const checkEvents = async (kind: EventKind) => {
    const pending = events[kind];
    if (pending.rows.length === 0) return;
    const found = await db.read((tx) => findEventConflicts(tx, kind, pending.rows));
    problems.push(...storedEventProblems(found, pending));
    events[kind] = { rows: [], at: [] };
  };
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
      if (problems.length + conflicts.length >= MAX_REPORTED_PROBLEMS) break;
      continue;
    }
    const conflict = noteKey(fingerprints, record, parsed.data);
    if (conflict) {
      conflicts.push(conflict);
      if (problems.length + conflicts.length >= MAX_REPORTED_PROBLEMS) break;
    }
    if (isEventKind(record.kind)) {
      const pending = events[record.kind];
      pending.rows.push(parsed.data as RecordOf<EventKind>);
      pending.at.push({ file: record.file, line: record.line });
      if (pending.rows.length >= WRITE_CHUNK) await checkEvents(record.kind);
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
  for (const kind of EVENT_KINDS) await checkEvents(kind);
  progress(total);
  if (conflicts.length > 0) problems.push(...(await locateFirstOccurrences(path, conflicts)));
  if (problems.length > 0) throw new BulkLoadError(sortProblems(problems).slice(0, MAX_REPORTED_PROBLEMS));
  return { records, total, openReferences };
}

/** Remembers a keyed record's fingerprint; returns a conflict when its key came before with other fields. */
function noteKey(fingerprints: KeyFingerprints, record: RawRecord, data: object): Conflict | null {
  const keyOf = RECORD_KEYS[record.kind] as ((r: object) => string) | null;
  if (!keyOf) return null;
  const seen = (fingerprints[record.kind] ??= new Map());
  const key = keyOf(data);
  const fingerprint = recordFingerprint(data);
  const first = seen.get(key);
  if (first === undefined) {
    seen.set(key, fingerprint);
    return null;
  }
  if (first === fingerprint) return null;
  return { kind: record.kind, key, problem: { file: record.file, line: record.line, message: '' } };
}

/**
 * The first pass keeps fingerprints, not records, so it finds a conflicting repeat but not
 * where its key first appeared; only when there are conflicts is the input read once more
 * to name that line and the fields that differ.
 */
async function locateFirstOccurrences(path: string, conflicts: Conflict[]): Promise<LoadProblem[]> {
  const firstOf = new Map<string, { line: number; data: object } | null>(conflicts.map((c) => [`${c.kind}\u0000${c.key}`, null]));
  const repeatAt = new Map<string, object>(conflicts.map((c) => [`${c.problem.file}:${c.problem.line}`, {}]));
  for await (const record of readRecordFiles(path)) {
    const keyOf = RECORD_KEYS[record.kind] as ((r: object) => string) | null;
    if (!keyOf) continue;
    const parsed = parseRecord(record);
    if (!parsed.success) continue;
    const id = `${record.kind}\u0000${keyOf(parsed.data)}`;
    if (firstOf.has(id) && firstOf.get(id) === null) firstOf.set(id, { line: record.line, data: parsed.data });
    const at = `${record.file}:${record.line}`;
    if (repeatAt.has(at)) repeatAt.set(at, parsed.data);
  }
  return conflicts.map(({ kind, key, problem }) => {
    const first = firstOf.get(`${kind}\u0000${key}`);
    const repeat = repeatAt.get(`${problem.file}:${problem.line}`);
    const fields = first && repeat ? differingFields(first.data, repeat) : null;
    return { ...problem, message: conflictMessage(kind, key, first ? `line ${first.line}` : 'an earlier record', fields) };
  });
}

function storedEventProblems(conflicts: EventConflict[], pending: PendingEvents[EventKind]): LoadProblem[] {
  return conflicts.map((c) => {
    const index = pending.rows.findIndex((r) => r.id === c.id);
    const sent = (pending.rows[index] as Record<string, unknown> | undefined)?.[c.field];
    return { ...pending.at[index]!, path: c.field, message: eventConflictMessage(c, sent) };
  });
}

const sortProblems = (problems: LoadProblem[]) =>
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));

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

interface Pending {
  kind: RecordKind;
  rows: unknown[];
  file: string;
  fromLine: number;
  toLine: number;
}

/**
 * Writes in transactions of BATCH_SIZE records while the next batch is read and parsed.
 * A transaction may start while the previous one commits (a third of a batch's time),
 * but only once the previous one's statements have run, so two never wait on each
 * other's locks; and only for the same kind of record, because a later kind MATCHes
 * entities an earlier kind created, which must be committed (visible) by then.
 * If a transaction fails, the others are let finish and the error says what was
 * committed and where it stopped.
 */
async function writeAll(db: GraphDatabase, path: string, progress: (done: number) => void): Promise<WriteSummary> {
  const counters = zeroCounters();
  const committed = zeroByKind();
  const msByKind: Partial<Record<RecordKind, number>> = {};
  const inFlight: Transaction[] = [];
  let current: RecordKind | null = null;
  let kindStartedAt = 0;
  let done = 0;
  let failed: { batch: Pending; error: unknown } | null = null;

  const drain = async (keep = 0) => {
    while (inFlight.length > keep) await inFlight.shift()!.committed;
    if (!failed) return;
    // Let the transactions still under way settle, so `committed` is final when reported.
    while (inFlight.length > 0) await inFlight.shift()!.committed;
    const { batch, error } = failed;
    throw new BulkWriteError({ kind: batch.kind, file: batch.file, fromLine: batch.fromLine, toLine: batch.toLine }, { ...committed }, error);
  };
  const closeKind = async () => {
    await drain();
    if (current) msByKind[current] = (msByKind[current] ?? 0) + (Date.now() - kindStartedAt);
  };

  const start = async (batch: Pending) => {
    if (current !== batch.kind) {
      await closeKind();
      current = batch.kind;
      kindStartedAt = Date.now();
    }
    await drain(1);
    const previous = inFlight[inFlight.length - 1];
    if (previous) await Promise.race([previous.ran, previous.committed]);
    let markRan!: () => void;
    const ran = new Promise<void>((resolve) => (markRan = resolve));
    const settled = db
      .write(async (tx) => {
        const written = await writeRecords(tx, batch.kind, batch.rows as never);
        if (isEventKind(batch.kind)) {
          // Validation checked the graph; this catches an event another client wrote since.
          const conflicts = await findEventConflicts(tx, batch.kind, batch.rows as never);
          if (conflicts.length > 0) {
            throw new Error(`${conflicts.length} event(s) were stored by another client while loading, e.g. ${eventConflictMessage(conflicts[0]!, '(see the file)')}`);
          }
        }
        markRan();
        return written;
      })
      .then(
        (written) => {
          addCounters(counters, written);
          committed[batch.kind] += batch.rows.length;
          done += batch.rows.length;
          progress(done);
        },
        (error: unknown) => {
          markRan();
          failed ??= { batch, error };
        },
      );
    inFlight.push({ ran, committed: settled });
  };

  let pending: Pending | null = null;
  for await (const record of readRecordFiles(path)) {
    if (pending && (pending.kind !== record.kind || pending.rows.length >= BATCH_SIZE)) {
      await start(pending);
      pending = null;
    }
    pending ??= { kind: record.kind, rows: [], file: record.file, fromLine: record.line, toLine: record.line };
    const parsed = parseRecord(record);
    // Validated in the first pass; a file changed in between is caught here, not written.
    if (!parsed.success) {
      await drain().catch(() => {});
      throw new BulkLoadError([{ file: record.file, line: record.line, message: 'the file changed during the load' }]);
    }
    pending.rows.push(parsed.data);
    pending.toLine = record.line;
  }
  if (pending && pending.rows.length > 0) await start(pending);
  await closeKind();
  return { counters, msByKind };
}
