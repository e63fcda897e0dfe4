import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { RECORD_KINDS, type RecordKind } from '../contract/ingestBatch';
import { recordFromCells } from './csvCells';

/**
 * The bulk file format: one file per array of the ingest contract, named after it
 * (`borrowers.ndjson`, `phoneLinks.csv`), in a folder or given alone. Files are read
 * line by line, never whole, so a million borrowers take no more memory than ten.
 */

export const RECORD_FORMATS = ['ndjson', 'csv'] as const;
export type RecordFormat = (typeof RECORD_FORMATS)[number];

export interface RecordFile {
  kind: RecordKind;
  format: RecordFormat;
  file: string;
}

/** One raw record as read, before validation, with where it came from. */
export interface RawRecord {
  kind: RecordKind;
  file: string;
  /** 1-based line in the file on which the record starts. */
  line: number;
  raw: unknown;
}

/** Something wrong with a record file; `line` is null when the file as a whole is at fault. */
export class RecordFileError extends Error {
  override readonly name = 'RecordFileError';
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(line === null ? `${file}: ${reason}` : `${file}:${line}: ${reason}`);
  }
}

export const recordFileName = (kind: RecordKind, format: RecordFormat): string => `${kind}.${format}`;

const EXPECTED_NAMES = `expected <kind>.ndjson or <kind>.csv with kind one of ${RECORD_KINDS.join(', ')}`;

function recognise(file: string): RecordFile | null {
  const format = extname(file).slice(1);
  const kind = basename(file, extname(file));
  if (!(RECORD_FORMATS as readonly string[]).includes(format)) return null;
  if (!(RECORD_KINDS as readonly string[]).includes(kind)) return null;
  return { kind: kind as RecordKind, format: format as RecordFormat, file };
}

const isRecordExtension = (name: string): boolean => (RECORD_FORMATS as readonly string[]).includes(extname(name).slice(1));

/**
 * The record files at a path, in dependency order (borrowers, ad sources and channels
 * before the records that point at them). In a folder, files of other types (such as a
 * scenario's truth.json) are ignored, but a misnamed `.ndjson`/`.csv` is an error rather
 * than silently skipped data.
 */
export async function listRecordFiles(path: string): Promise<RecordFile[]> {
  const info = await stat(path).catch(() => null);
  if (info === null) throw new RecordFileError(path, null, 'no such file or folder');
  if (info.isFile()) {
    const found = recognise(path);
    if (!found) throw new RecordFileError(path, null, `unknown record file name; ${EXPECTED_NAMES}`);
    return [found];
  }
  const names = (await readdir(path)).filter(isRecordExtension).sort();
  const files: RecordFile[] = [];
  for (const name of names) {
    const found = recognise(join(path, name));
    if (!found) throw new RecordFileError(join(path, name), null, `unknown record file name; ${EXPECTED_NAMES}`);
    const twin = files.find((f) => f.kind === found.kind);
    if (twin) throw new RecordFileError(found.file, null, `${found.kind} is also given by ${twin.file}; keep one`);
    files.push(found);
  }
  if (files.length === 0) throw new RecordFileError(path, null, `no record files in the folder; ${EXPECTED_NAMES}`);
  return files.sort((a, b) => RECORD_KINDS.indexOf(a.kind) - RECORD_KINDS.indexOf(b.kind));
}

/** One record as it stands in its file, not yet decoded: an NDJSON line's text, or a CSV row's cells. */
export interface UndecodedRecord {
  /** 1-based line in the file on which the record starts. */
  line: number;
  source: string | Record<string, string>;
}

async function* ndjsonLines(file: string): AsyncGenerator<UndecodedRecord> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    const content = line === 1 ? text.replace(/^\uFEFF/, '') : text;
    if (content.trim() === '') continue;
    yield { line, source: content };
  }
}

const countNewlines = (row: Record<string, string>): number =>
  Object.values(row).reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);

async function* csvRows(file: string): AsyncGenerator<UndecodedRecord> {
  const parser = createReadStream(file).pipe(
    parse({ columns: true, info: true, bom: true, skip_empty_lines: true }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      // csv-parse counts the line a record ends on; a quoted cell may span lines.
      yield { line: info.lines - countNewlines(record), source: record };
    }
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    throw new RecordFileError(file, typeof lines === 'number' ? lines : null, `not valid CSV: ${message}`);
  }
}

/** The records of one file, undecoded; a CSV file that cannot be read as CSV throws RecordFileError. */
export const undecodedRecords = ({ format, file }: RecordFile): AsyncGenerator<UndecodedRecord> => (format === 'csv' ? csvRows(file) : ndjsonLines(file));

/** A record's raw fields: an NDJSON line parsed (RecordFileError if it is not JSON), or a CSV row's cells typed for the contract. */
export function decodeRecord(kind: RecordKind, file: string, { line, source }: UndecodedRecord): unknown {
  if (typeof source !== 'string') return recordFromCells(kind, source);
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new RecordFileError(file, line, `not valid JSON: ${(error as Error).message}`);
  }
}

/** Streams every raw record at a path, file by file in dependency order. */
export async function* readRecordFiles(path: string): AsyncGenerator<RawRecord> {
  for (const recordFile of await listRecordFiles(path)) {
    for await (const record of undecodedRecords(recordFile)) {
      yield { kind: recordFile.kind, file: recordFile.file, line: record.line, raw: decodeRecord(recordFile.kind, recordFile.file, record) };
    }
  }
}
