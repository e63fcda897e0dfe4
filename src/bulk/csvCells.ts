import type { z } from 'zod';
import { RecordSchemas, type RecordKind } from '../contract/ingestBatch';

/**
 * CSV carries only text, so a cell is turned back into the type its contract field
 * expects before zod sees it. The schema decides, not the look of the cell: an id
 * such as "007" stays a string.
 */

type CellType = 'string' | 'number' | 'boolean';

/** Optional and defaulted fields are wrappers; the cell type is that of what they wrap. */
function cellTypeOf(schema: z.ZodType): CellType {
  let def = schema.def as { type: string; innerType?: z.ZodType };
  while ((def.type === 'optional' || def.type === 'default') && def.innerType) {
    def = def.innerType.def as typeof def;
  }
  if (def.type === 'number') return 'number';
  if (def.type === 'boolean') return 'boolean';
  return 'string';
}

const cellTypesByKind = new Map<RecordKind, ReadonlyMap<string, CellType>>();

export function cellTypes(kind: RecordKind): ReadonlyMap<string, CellType> {
  let types = cellTypesByKind.get(kind);
  if (!types) {
    const shape = RecordSchemas[kind].shape as Record<string, z.ZodType>;
    types = new Map(Object.entries(shape).map(([field, schema]) => [field, cellTypeOf(schema)]));
    cellTypesByKind.set(kind, types);
  }
  return types;
}

/** The contract's field names for a kind, in schema order: the CSV header the writer uses. */
export function csvColumns(kind: RecordKind): string[] {
  return [...cellTypes(kind).keys()];
}

/**
 * A value that cannot be converted is passed on as the string it was, so zod rejects it
 * with "expected number, received string" rather than a puzzling NaN or a silent false.
 */
function coerceCell(cell: string, type: CellType | undefined): unknown {
  if (type === 'number') {
    const n = Number(cell);
    return cell.trim() !== '' && Number.isFinite(n) ? n : cell;
  }
  if (type === 'boolean') {
    if (cell === 'true') return true;
    if (cell === 'false') return false;
  }
  return cell;
}

/** A CSV row as a raw record: empty cells are absent fields; unknown columns pass through for zod to reject. */
export function recordFromCells(kind: RecordKind, row: Record<string, string>): Record<string, unknown> {
  const types = cellTypes(kind);
  const record: Record<string, unknown> = {};
  for (const [field, cell] of Object.entries(row)) {
    if (cell === '') continue;
    record[field] = coerceCell(cell, types.get(field));
  }
  return record;
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function encodeCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
