import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * One CSV file in the format of Neo4j's offline importer (`neo4j-admin database import`):
 * a header of `name:type` columns, then one row per node or relationship. Every string is
 * quoted, because the importer reads an unquoted empty cell as "no property" and a quoted
 * one ("") as the empty string, which is what the transactional loader stores for "".
 */

export type Cell = string | number | boolean | null | undefined;

/** How a column's values are written: strings quoted, numbers as Java parses them, date-times as the contract spells them. */
export type CellType = 'string' | 'long' | 'double' | 'boolean' | 'datetime' | 'id';

const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;

function encode(value: Cell, type: CellType): string {
  if (value === null || value === undefined) return '';
  if (type === 'string' || type === 'id') return quote(String(value));
  // JavaScript writes -0 as "0"; Neo4j keeps the sign of a float, and so must the import.
  if (type === 'double' && Object.is(value, -0)) return '-0.0';
  return String(value);
}

/** One row's line (without its line break), and whether a value in it held a line break. */
export function encodeRow(cells: readonly Cell[], types: readonly CellType[]): { line: string; multiline: boolean } {
  let line = '';
  let multiline = false;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (!multiline && typeof cell === 'string' && /[\r\n]/.test(cell)) multiline = true;
    line += (i === 0 ? '' : ',') + encode(cell, types[i]!);
  }
  return { line, multiline };
}

export class CsvTable {
  private readonly out: WriteStream;
  private buffered = '';
  rows = 0;
  /** Whether a value held a line break: the importer must then be told the file has multi-line fields. */
  multiline = false;

  constructor(
    readonly file: string,
    private readonly types: readonly CellType[],
    header: readonly string[],
  ) {
    this.out = createWriteStream(file, 'utf8');
    this.buffered = header.join(',') + '\n';
  }

  /**
   * Adds a row: its first `ids` cells are node ids (numbers, written as they are), then the
   * columns' values. Every row of a node or relationship file starts with at least one id.
   */
  add(cells: readonly Cell[], ids: number): Promise<void> | undefined {
    if (ids < 1) throw new Error(`A row of ${this.file} starts with its node ids; got ${ids}`);
    const { line, multiline } = encodeRow(cells.slice(ids), this.types);
    const head = cells.slice(0, ids).join(',');
    return this.addLine(line === '' ? head : `${head},${line}`, multiline);
  }

  /** Adds a row already encoded: its ids, then its values as encodeRow encodes them for this table's columns. */
  addLine(line: string, multiline: boolean): Promise<void> | undefined {
    if (multiline) this.multiline = true;
    this.buffered += line + '\n';
    this.rows++;
    return this.buffered.length >= 1 << 20 ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    const text = this.buffered;
    this.buffered = '';
    if (text && !this.out.write(text)) await once(this.out, 'drain');
  }

  private closing: Promise<void> | null = null;

  /** Flushes and closes the file; safe to call more than once. */
  close(): Promise<void> {
    return (this.closing ??= (async () => {
      await this.flush();
      this.out.end();
      await once(this.out, 'close');
    })());
  }
}
