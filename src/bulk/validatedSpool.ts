import { createReadStream, createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { RECORD_KINDS, type RecordKind, type RecordOf } from '../contract/ingestBatch';

/**
 * The records the validation pass accepted, already parsed (phones in E.164, ids
 * normalised, defaults applied), spooled to a temporary NDJSON file in input order.
 * The transactional write pass reads them back and gets exactly what was validated
 * without paying for zod again, which was a third of its own CPU; and memory stays
 * flat, as it does for the files.
 */

export interface ValidatedRecord<K extends RecordKind = RecordKind> {
  kind: K;
  /** The input file and the 1-based line the record started on, for messages. */
  file: string;
  line: number;
  data: RecordOf<K>;
}

/** One spool line: the kind's index in RECORD_KINDS, the input file's index, the line, the record, and any fields that were -0. */
type SpoolLine = [number, number, number, unknown, string[]?];

/**
 * A record as the spool stores it, after its kind, file and line: its JSON, then, if any
 * field held -0 (which JSON cannot), their names. One string, so it crosses from a
 * worker thread as cheaply as anything can.
 */
export type SpoolData = string;

/** Computed where the record is checked (a worker thread), so the thread that writes the spool only appends. */
export function encodeSpoolData(data: object): SpoolData {
  // JSON has no -0, and Neo4j stores -0.0 as given: the fields that held it travel beside the record.
  const negativeZeros = Object.keys(data).filter((field) => Object.is((data as Record<string, unknown>)[field], -0));
  return negativeZeros.length > 0 ? `${JSON.stringify(data)},${JSON.stringify(negativeZeros)}` : JSON.stringify(data);
}

export class ValidatedSpool {
  readonly encoding = 'spool';
  private readonly path: string;
  private readonly out: WriteStream;
  private readonly files: string[] = [];
  private buffered = '';
  private closed = false;

  constructor(dir = tmpdir()) {
    const folder = mkdtempSync(join(dir, 'ringsight-validated-'));
    this.path = join(folder, 'records.ndjson');
    this.out = createWriteStream(this.path, 'utf8');
  }

  /** Adds a record encoded by encodeSpoolData; returns a promise only when the caller must wait for the disk. */
  add(kind: RecordKind, file: string, line: number, data: SpoolData): Promise<void> | undefined {
    let fileIndex = this.files.lastIndexOf(file);
    if (fileIndex < 0) fileIndex = this.files.push(file) - 1;
    this.buffered += `[${RECORD_KINDS.indexOf(kind)},${fileIndex},${line},${data}]\n`;
    // Writing in blocks of about a megabyte keeps the per-record cost of the stream down.
    return this.buffered.length >= 1 << 20 ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    const text = this.buffered;
    this.buffered = '';
    if (text && !this.out.write(text)) await once(this.out, 'drain');
  }

  /** Finishes writing; the spool can then be read any number of times. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flush();
    this.out.end();
    await once(this.out, 'close');
  }

  async *read(): AsyncGenerator<ValidatedRecord> {
    await this.close();
    const lines = createInterface({ input: createReadStream(this.path, 'utf8'), crlfDelay: Infinity });
    for await (const text of lines) {
      const [kind, file, line, data, negativeZeros] = JSON.parse(text) as SpoolLine;
      for (const field of negativeZeros ?? []) (data as Record<string, unknown>)[field] = -0;
      yield { kind: RECORD_KINDS[kind]!, file: this.files[file]!, line, data: data as never };
    }
  }

  /** Deletes the spool; safe to call more than once. */
  async dispose(): Promise<void> {
    await this.close().catch(() => {});
    rmSync(join(this.path, '..'), { recursive: true, force: true });
  }
}
