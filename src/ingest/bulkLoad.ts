import { eventConflictMessage, isEventKind, type EventKind } from '../contract/eventConflicts';
import { RECORD_KINDS, type RecordKind, type RecordOf } from '../contract/ingestBatch';
import { ValidatedSpool } from '../bulk/validatedSpool';
import { addCounters, zeroCounters, type IngestStore, type WriteCounters } from './ports';
import { validateRecordFiles, type ValidateOptions } from './validateRecordFiles';
import { splitIntoLanes } from '../bulk/writerLanes';

export { BulkLoadError, MAX_REPORTED_PROBLEMS, type LoadProblem } from './loadProblems';

/**
 * The bulk loader: the same contract and the same Cypher as POST /v1/ingest, for data
 * sets too large for one request. The first pass (validateRecordFiles) reads the files,
 * validates every record, every reference, every repeated key and every event already in
 * the graph, and writes nothing to the database if any is wrong; it spools the parsed
 * records to a temporary file. The second pass writes that spool in transactions of
 * BATCH_SIZE. Memory grows only with the number of keyed records (one 48-bit fingerprint
 * per id), never with their size.
 */

export const BATCH_SIZE = 10_000;

/**
 * Transactions written at once by default. Two, on records split so that they lock no node
 * in common, took about a tenth off the write pass of a 200,000-borrower load on a 2-core
 * host (device links and calls about a fifth; borrowers no faster); three gained nothing more.
 */
export const DEFAULT_WRITERS = 2;

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

export interface LoadOptions extends ValidateOptions {
  /** Transactions written at once, on records that share no node (default DEFAULT_WRITERS). */
  writers?: number;
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

export async function bulkLoad(store: IngestStore, path: string, options: LoadOptions = {}): Promise<LoadSummary> {
  const writers = options.writers ?? DEFAULT_WRITERS;
  if (!Number.isInteger(writers) || writers < 1) throw new RangeError(`writers must be a whole number of at least 1, not ${writers}`);
  const progress = options.onProgress ?? (() => {});
  const startedAt = Date.now();
  progress('validating', 0, null);
  const spool = new ValidatedSpool();
  try {
    const validated = await validateRecordFiles(store, path, spool, (done) => progress('validating', done, null), options);
    const validatedAt = Date.now();
    progress('writing', 0, validated.total);
    const { counters, msByKind } = await writeAll(store, spool, writers, (done) => progress('writing', done, validated.total));
    return { records: validated.records, total: validated.total, written: counters, validateMs: validatedAt - startedAt, writeMs: Date.now() - validatedAt, writeMsByKind: msByKind };
  } finally {
    await spool.dispose();
  }
}

/** One write transaction of the second pass: `ran` settles when its statements have run, `committed` when it is durable. */
interface Transaction {
  ran: Promise<void>;
  committed: Promise<void>;
}

/** Records of one kind read from the spool in a row, with the lines they came from. */
interface Pending {
  kind: RecordKind;
  rows: unknown[];
  file: string;
  fromLine: number;
  toLine: number;
}

/**
 * Writes a window of `writers` × BATCH_SIZE records of one kind at a time while the next
 * is read and parsed. A window is split into up to `writers` transactions that lock no
 * node in common (splitIntoLanes), which run at once. The next window may start while
 * this one commits (a third of a batch's time), but only once all its statements have
 * run, so two windows never wait on each other's locks for long; and only for the same
 * kind of record, because a later kind MATCHes entities an earlier kind created, which
 * must be committed (visible) by then. If a transaction fails, the others are let finish
 * and the error says what was committed and where it stopped.
 */
async function writeAll(store: IngestStore, spool: ValidatedSpool, writers: number, progress: (done: number) => void): Promise<WriteSummary> {
  const counters = zeroCounters();
  const committed = zeroByKind();
  const msByKind: Partial<Record<RecordKind, number>> = {};
  /** The windows still committing, oldest first: at most the last one once a new window starts. */
  const windows: Transaction[][] = [];
  let current: RecordKind | null = null;
  let kindStartedAt = 0;
  let done = 0;
  let failed: { window: Pending; error: unknown } | null = null;

  const drain = async (keep = 0) => {
    while (windows.length > keep) await Promise.all(windows.shift()!.map((t) => t.committed));
    if (!failed) return;
    // Let the transactions still under way settle, so `committed` is final when reported.
    while (windows.length > 0) await Promise.all(windows.shift()!.map((t) => t.committed));
    const { window, error } = failed;
    throw new BulkWriteError({ kind: window.kind, file: window.file, fromLine: window.fromLine, toLine: window.toLine }, { ...committed }, error);
  };
  const closeKind = async () => {
    await drain();
    if (current) msByKind[current] = (msByKind[current] ?? 0) + (Date.now() - kindStartedAt);
  };

  const launch = (window: Pending, rows: unknown[]): Transaction => {
    let markRan!: () => void;
    const ran = new Promise<void>((resolve) => (markRan = resolve));
    const settled = store
      .write(async (tx) => {
        const written = await tx.write(window.kind, rows as never);
        // Validation found every reference; a record that still matched nothing would be lost.
        if (written.unresolved > 0) throw new Error(`${written.unresolved} ${window.kind} record(s) name a borrower, ad source or channel no longer in the graph`);
        if (isEventKind(window.kind) && written.eventsStoredBefore.length > 0) {
          // Validation checked the graph; this catches an event another client wrote since.
          // Events this transaction created cannot disagree with the graph, so only those
          // stored before are checked: none on a first load, every one on a re-run.
          const storedBefore = new Set(written.eventsStoredBefore);
          const stored = (rows as RecordOf<EventKind>[]).filter((row) => storedBefore.has(row.id));
          const conflicts = await tx.eventConflicts(window.kind, stored);
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
          committed[window.kind] += rows.length;
          done += rows.length;
          progress(done);
        },
        (error: unknown) => {
          markRan();
          failed ??= { window, error };
        },
      );
    return { ran, committed: settled };
  };

  const start = async (window: Pending) => {
    if (current !== window.kind) {
      await closeKind();
      current = window.kind;
      kindStartedAt = Date.now();
    }
    await drain(1);
    const previous = windows[windows.length - 1];
    if (previous) await Promise.all(previous.map((t) => Promise.race([t.ran, t.committed])));
    const lanes = splitIntoLanes(window.kind, window.rows as RecordOf<RecordKind>[], writers);
    windows.push(lanes.map((rows) => launch(window, rows)));
  };

  const windowSize = BATCH_SIZE * writers;
  let pending: Pending | null = null;
  // The spool holds what the first pass validated, so a file edited meanwhile cannot slip in.
  for await (const record of spool.read()) {
    if (pending && (pending.kind !== record.kind || pending.rows.length >= windowSize)) {
      await start(pending);
      pending = null;
    }
    pending ??= { kind: record.kind, rows: [], file: record.file, fromLine: record.line, toLine: record.line };
    pending.rows.push(record.data);
    pending.toLine = record.line;
  }
  if (pending && pending.rows.length > 0) await start(pending);
  await closeKind();
  return { counters, msByKind };
}
