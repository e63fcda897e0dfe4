import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import type { RecordKind, RecordOf } from '../contract/ingestBatch';
import { csvColumns, encodeCell } from './csvCells';
import { recordFileName, type RecordFormat } from './recordFiles';

/** Writes one record file in the bulk format, waiting for the disk when the stream's buffer is full. */
export interface RecordFileWriter<K extends RecordKind> {
  readonly kind: K;
  readonly file: string;
  /** Records written so far. */
  readonly count: number;
  write(records: readonly RecordOf<K>[]): Promise<void>;
  close(): Promise<void>;
}

/** Records as NDJSON text, one line each, as the bulk loader reads them. */
export function ndjsonLines(records: readonly object[]): string {
  let text = '';
  for (const record of records) text += JSON.stringify(record) + '\n';
  return text;
}

function csvLines(columns: readonly string[], records: readonly object[]): string {
  let text = '';
  for (const record of records) {
    const values = record as Record<string, unknown>;
    text += columns.map((column) => encodeCell(values[column])).join(',') + '\n';
  }
  return text;
}

async function writeText(stream: WriteStream, text: string): Promise<void> {
  if (text !== '' && !stream.write(text)) await once(stream, 'drain');
}

/**
 * Records are serialised a batch at a time into one string: one `write` per batch keeps
 * a million-record file fast, and awaiting `drain` keeps memory flat however fast the
 * producer is.
 */
export async function createRecordFileWriter<K extends RecordKind>(
  folder: string,
  kind: K,
  format: RecordFormat = 'ndjson',
): Promise<RecordFileWriter<K>> {
  const file = join(folder, recordFileName(kind, format));
  const stream = createWriteStream(file, 'utf8');
  await once(stream, 'open');
  const columns = csvColumns(kind);
  if (format === 'csv') await writeText(stream, columns.join(',') + '\n');
  let count = 0;
  return {
    kind,
    file,
    get count() {
      return count;
    },
    async write(records) {
      count += records.length;
      await writeText(stream, format === 'csv' ? csvLines(columns, records) : ndjsonLines(records));
    },
    async close() {
      stream.end();
      await once(stream, 'finish');
    },
  };
}
