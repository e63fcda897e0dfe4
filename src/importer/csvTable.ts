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

  add(cells: readonly Cell[]): Promise<void> | undefined {
    let line = '';
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (!this.multiline && typeof cell === 'string' && /[\r\n]/.test(cell)) this.multiline = true;
      line += (i === 0 ? '' : ',') + encode(cell, this.types[i]!);
    }
    this.buffered += line + '\n';
    this.rows++;
    return this.buffered.length >= 1 << 20 ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    const text = this.buffered;
    this.buffered = '';
    if (text && !this.out.write(text)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    await once(this.out, 'close');
  }
}
