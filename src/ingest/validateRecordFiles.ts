import { conflictMessage, differingFields, RECORD_KEYS } from '../contract/duplicates';
import { EVENT_KINDS, eventConflictMessage, isEventKind, type EventConflict, type EventKind } from '../contract/eventConflicts';
import { RECORD_KINDS, RecordSchemas, type RecordKind, type RecordOf } from '../contract/ingestBatch';
import { emptyIds, unknownReferenceMessage, type IdsByKind, type ReferencedKind } from '../contract/references';
import { listRecordFiles, readRecordFiles } from '../bulk/recordFiles';
import { checkedRecords, defaultCheckWorkers } from '../bulk/checkedRecords';
import type { AcceptedRecord, RecordSink } from '../bulk/recordChecks';
import { WRITE_CHUNK } from '../neo4j/ingestWriter';
import type { IngestStore } from './ports';
import { BulkLoadError, MAX_REPORTED_PROBLEMS, sortProblems, type LoadProblem } from './loadProblems';

/**
 * The first pass of both loaders (the transactional bulk loader and the offline import):
 * every record against the contract, every repeated key (with the same rule as the API),
 * every reference (to the files or to the graph) and every complaint and call already in
 * the graph. Nothing is written to the database by this pass; it reports `file:line`
 * problems, or hands the accepted records, encoded for the next pass, to a sink: the
 * transactional loader's spool, or the offline importer's files, written as it goes.
 */

export interface Validated {
  records: Record<RecordKind, number>;
  total: number;
}

export interface ValidateOptions {
  /** Worker threads that check records; by default as many as cores for large input (checkedRecords.ts). */
  workers?: number;
}

const zeroByKind = () => Object.fromEntries(RECORD_KINDS.map((k) => [k, 0])) as Record<RecordKind, number>;

/**
 * Validates the files at `path`, handing the accepted records to `sink` as it goes; throws
 * BulkLoadError with the problems. The sink may have received records by then: whoever
 * gave it discards what it holds.
 */
export async function validateRecordFiles(store: IngestStore, path: string, sink: RecordSink, progress: (done: number) => void = () => {}, options: ValidateOptions = {}): Promise<Validated> {
  const files = await listRecordFiles(path); // fails early, before any reading, on a wrong path or name
  const workers = options.workers ?? (await defaultCheckWorkers(files));
  const scan = await validateAll(store, path, sink, progress, workers);
  await checkReferencesInGraph(store, scan);
  return { records: scan.records, total: scan.total };
}

interface Scan {
  records: Record<RecordKind, number>;
  total: number;
  /** Referenced ids not defined in the files, with where each was first used. */
  openReferences: Map<string, LoadProblem & { kind: ReferencedKind; id: string }>;
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

async function validateAll(store: IngestStore, path: string, sink: RecordSink, progress: (done: number) => void, workers: number): Promise<Scan> {
  const problems: LoadProblem[] = [];
  const records = zeroByKind();
  const defined: IdsByKind = emptyIds();
  const openReferences: Scan['openReferences'] = new Map();
  const fingerprints: KeyFingerprints = {};
  const conflicts: Conflict[] = [];
  const events: PendingEvents = { complaints: { rows: [], at: [] }, calls: { rows: [], at: [] } };
  // Events can only conflict with stored ones; into a graph without any (a first load) no
  // round trip is needed. One stored while we read is caught by the write pass's own check.
  const stored = await store.read((tx) => tx.storedEvents());
  const checkEvents = async (kind: EventKind) => {
    const pending = events[kind];
    if (pending.rows.length === 0) return;
    const found = await store.read((tx) => tx.eventConflicts(kind, pending.rows));
    problems.push(...storedEventProblems(found, pending));
    events[kind] = { rows: [], at: [] };
  };
  const tooMany = () => problems.length + conflicts.length >= MAX_REPORTED_PROBLEMS;
  let total = 0;
  const batches = checkedRecords(path, { encoding: sink.encoding, withData: (kind) => isEventKind(kind) && stored[kind] > 0, workers });
  read: for await (const { kind, file, records: checked } of batches) {
    for (const record of checked) {
      if ('unreadable' in record) {
        problems.push({ file, line: record.line, message: record.unreadable });
        break read;
      }
      total++;
      records[kind]++;
      if (total % 10_000 === 0) progress(total);
      const { line } = record;
      if ('issues' in record) {
        for (const issue of record.issues) problems.push({ file, line, ...issue });
        if (tooMany()) break read;
        continue;
      }
      const seen = noteKey(fingerprints, kind, file, record);
      if (seen !== 'first' && seen !== 'repeat') {
        conflicts.push(seen);
        if (tooMany()) break read;
      }
      // Only written on once every problem is known to be absent; until then, wasted work at worst.
      // An identical repeat of a keyed record would write nothing, so the sink never gets it:
      // what reads what it wrote then meets each key once (importFiles.ts relies on it).
      if (seen === 'first' && problems.length + conflicts.length === 0) {
        const wait = sink.add(kind, file, line, record.encoded as never);
        if (wait) await wait;
      }
      if (record.data && isEventKind(kind)) {
        const pending = events[kind];
        pending.rows.push(record.data as RecordOf<EventKind>);
        pending.at.push({ file, line });
        if (pending.rows.length >= WRITE_CHUNK) await checkEvents(kind);
      }
      // Files come in dependency order, so every id a record may point at is known by now.
      const { defines = [], references } = record;
      for (let i = 0; i < defines.length; i += 2) defined[defines[i] as ReferencedKind].add(defines[i + 1]!);
      for (let i = 0; i < references.length; i += 3) {
        const [k, id] = [references[i] as ReferencedKind, references[i + 1]!];
        const key = `${k}\u0000${id}`;
        if (!defined[k].has(id) && !openReferences.has(key)) openReferences.set(key, { kind: k, id, file, line, path: references[i + 2]!, message: '' });
      }
    }
  }
  for (const kind of EVENT_KINDS) await checkEvents(kind);
  progress(total);
  if (conflicts.length > 0) problems.push(...(await locateFirstOccurrences(path, conflicts)));
  if (problems.length > 0) throw new BulkLoadError(sortProblems(problems).slice(0, MAX_REPORTED_PROBLEMS));
  return { records, total, openReferences };
}

/** Remembers a keyed record's fingerprint: the first of its key, an identical repeat, or a conflict (its key came before with other fields). */
function noteKey(fingerprints: KeyFingerprints, kind: RecordKind, file: string, { key, fingerprint, line }: AcceptedRecord): 'first' | 'repeat' | Conflict {
  if (key === null) return 'first';
  const seen = (fingerprints[kind] ??= new Map());
  const first = seen.get(key);
  if (first === undefined) {
    seen.set(key, fingerprint);
    return 'first';
  }
  if (first === fingerprint) return 'repeat';
  return { kind, key, problem: { file, line, message: '' } };
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
    const parsed = RecordSchemas[record.kind].safeParse(record.raw);
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

/** References the files leave open must already be in the graph. */
async function checkReferencesInGraph(store: IngestStore, scan: Scan): Promise<void> {
  if (scan.openReferences.size === 0) return;
  const wanted = emptyIds();
  for (const ref of scan.openReferences.values()) wanted[ref.kind].add(ref.id);
  const missing = await store.read((tx) => tx.missingIds(wanted));
  const problems = [...scan.openReferences.values()]
    .filter((ref) => missing[ref.kind].has(ref.id))
    .map(({ file, line, path, kind, id }) => ({ file, line, path, message: unknownReferenceMessage(kind, id) }));
  if (problems.length > 0) throw new BulkLoadError(problems.slice(0, MAX_REPORTED_PROBLEMS));
}

