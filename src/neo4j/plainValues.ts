import neo4j from 'neo4j-driver';
import { toIsoString, toNumber } from './values';

/**
 * Deep conversion of a value read from Neo4j into plain JSON values: integers to numbers,
 * temporals to ISO strings, maps and lists recursively. For rows whose shape the Cypher
 * file fixes (map projections), so the repository can hand them on as they are.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return toNumber(value);
  if (neo4j.isDateTime(value) || neo4j.isDate(value) || neo4j.isLocalDateTime(value)) return toIsoString(value);
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toPlain(v);
    return out;
  }
  return value;
}

/** A record's field, converted; the caller states the shape its Cypher file returns. */
export const field = <T>(record: { get(key: string): unknown }, key: string): T => toPlain(record.get(key)) as T;
