import { recordFingerprint, RECORD_KEYS } from '../contract/duplicates';
import { RecordSchemas, type IngestBatch, type RecordKind } from '../contract/ingestBatch';
import { definedIds, referencesOf, type ReferencedKind } from '../contract/references';
import { formatPath, type IssueDetail } from '../contract/validationIssues';
import { importRowsOf, type ImportRecordRows } from '../importer/importFiles';
import { decodeRecord, RecordFileError, type UndecodedRecord } from './recordFiles';
import { encodeSpoolData, type SpoolData } from './validatedSpool';

/**
 * The work of the loaders' first pass that depends on one record alone: decoding it,
 * checking it against the contract, its key and fingerprint, what it defines and points
 * at, and encoding it for what comes next (the spool of the transactional loader, or the
 * offline importer's rows). It runs on worker threads over batches of records, so the
 * thread that reads the files only does what needs all records in order: repeated keys,
 * references, writing. One function for both, so threads or not, a record is checked
 * the same way.
 */

/** What an accepted record is encoded as, for each consumer of the first pass. */
export interface Encodings {
  spool: SpoolData;
  import: ImportRecordRows;
}
export type Encoding = keyof Encodings;

/** Where the first pass hands accepted records, in input order, each key once. */
export interface RecordSink<E extends Encoding = Encoding> {
  readonly encoding: E;
  add(kind: RecordKind, file: string, line: number, encoded: Encodings[E]): Promise<void> | undefined;
}

export interface CheckRequest {
  kind: RecordKind;
  file: string;
  encoding: Encoding;
  /** Whether accepted records come back parsed too (events to check against the graph). */
  withData: boolean;
  records: UndecodedRecord[];
}

export interface AcceptedRecord {
  line: number;
  /** The record's key, null for kinds where every repeat is a fact of its own. */
  key: string | null;
  /** 48 bits of the record's SHA-256, for keyed kinds (0 otherwise). */
  fingerprint: number;
  /** What the record points at, flat (it crosses threads): kind, id and the field that names it, for each reference. */
  references: string[];
  /** What the record defines for others to point at, flat: kind and id for each. */
  defines?: string[];
  encoded: Encodings[Encoding];
  data?: object;
}

/** A record checked: accepted, refused by the contract, or a line that is not a record at all (reading stops there). */
export type CheckedRecord = AcceptedRecord | { line: number; issues: IssueDetail[] } | { line: number | null; unreadable: string };

const encoders: { [E in Encoding]: (kind: RecordKind, data: object) => Encodings[E] } = {
  spool: (_kind, data) => encodeSpoolData(data),
  import: importRowsOf,
};

function checkRecord(request: Omit<CheckRequest, 'records'>, record: UndecodedRecord): CheckedRecord {
  const { kind, file, encoding, withData } = request;
  const { line } = record;
  let raw: unknown;
  try {
    raw = decodeRecord(kind, file, record);
  } catch (error) {
    if (!(error instanceof RecordFileError)) throw error;
    return { line, unreadable: error.reason };
  }
  const parsed = RecordSchemas[kind].safeParse(raw);
  if (!parsed.success) return { line, issues: parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })) };
  const data = parsed.data;
  const keyOf = RECORD_KEYS[kind] as ((r: object) => string) | null;
  const single = { [kind]: [data] } as IngestBatch;
  const defined = definedIds(single);
  const references: string[] = [];
  // A reference's path names the field alone: the file and line say which record.
  for (const ref of referencesOf(single)) references.push(ref.kind, ref.id, ref.path.slice(ref.path.indexOf('.') + 1));
  const accepted: AcceptedRecord = { line, key: keyOf ? keyOf(data) : null, fingerprint: keyOf ? recordFingerprint(data) : 0, references, encoded: encoders[encoding](kind, data) };
  const defines = (Object.keys(defined) as ReferencedKind[]).flatMap((k) => [...defined[k]].flatMap((id) => [k, id]));
  if (defines.length > 0) accepted.defines = defines;
  if (withData) accepted.data = data;
  return accepted;
}

/** Checks a batch in order, up to and including the first unreadable record. */
export function checkRecords(request: CheckRequest): CheckedRecord[] {
  const out: CheckedRecord[] = [];
  for (const record of request.records) {
    const checked = checkRecord(request, record);
    out.push(checked);
    if ('unreadable' in checked) break;
  }
  return out;
}
