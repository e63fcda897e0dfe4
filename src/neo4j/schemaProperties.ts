import type { z } from 'zod';
import { int, toIsoString, toNumber } from './values';
import neo4j from 'neo4j-driver';

/**
 * Objects described by a zod schema as flat Neo4j properties and back, driven by the schema
 * itself so no mapping is kept by hand beside it: nested objects become `prefix_key_sub`,
 * lists of objects become parallel lists (`tools_kind`, `tools_id`, as the ring's member
 * ties are stored), integers are stored as integers. Neo4j lists cannot hold null, so a
 * null inside a list of objects is stored as "" (never a valid id here).
 */

type Schema = z.ZodType;
type Props = Record<string, unknown>;

interface Def {
  type: string;
  innerType?: Schema;
  element?: Schema;
}
const defOf = (schema: Schema): Def => (schema as unknown as { def: Def }).def;
const unwrap = (schema: Schema): Schema => {
  const def = defOf(schema);
  return (def.type === 'nullable' || def.type === 'optional' || def.type === 'default') && def.innerType ? unwrap(def.innerType) : schema;
};
const isNullable = (schema: Schema): boolean => defOf(schema).type === 'nullable' || (defOf(schema).innerType !== undefined && isNullable(defOf(schema).innerType!));
const shapeOf = (schema: Schema): Record<string, Schema> => (unwrap(schema) as unknown as { shape: Record<string, Schema> }).shape;
const kindOf = (schema: Schema): 'object' | 'objects' | 'int' | 'value' => {
  const inner = unwrap(schema);
  const def = defOf(inner);
  if (def.type === 'object') return 'object';
  if (def.type === 'array' && defOf(unwrap(def.element!)).type === 'object') return 'objects';
  if (def.type === 'number' && (inner as unknown as { isInt?: boolean }).isInt) return 'int';
  return 'value';
};

const leaf = (schema: Schema, value: unknown): unknown => {
  if (value === undefined || value === null) return null;
  if (kindOf(schema) === 'int') return int(value as number);
  if (Array.isArray(value)) {
    const element = defOf(unwrap(schema)).element;
    return element && kindOf(element) === 'int' ? value.map((v) => int(v as number)) : value;
  }
  return value;
};

export function toProps(schema: Schema, value: Record<string, unknown>, prefix = ''): Props {
  const out: Props = {};
  for (const [key, field] of Object.entries(shapeOf(schema))) {
    const name = prefix ? `${prefix}_${key}` : key;
    const v = value[key];
    const kind = kindOf(field);
    if (kind === 'object') {
      if (v !== null && v !== undefined) Object.assign(out, toProps(field, v as Record<string, unknown>, name));
    } else if (kind === 'objects') {
      // A null list is left out, so it reads back as null rather than as an empty list.
      if (v === null || v === undefined) continue;
      const element = defOf(unwrap(field)).element!;
      for (const [sub, subField] of Object.entries(shapeOf(element))) {
        out[`${name}_${sub}`] = (v as Record<string, unknown>[]).map((item) => leaf(subField, item[sub]) ?? '');
      }
    } else {
      out[name] = leaf(field, v);
    }
  }
  return out;
}

const plain = (value: unknown): unknown => {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return toNumber(value);
  if (neo4j.isDateTime(value)) return toIsoString(value);
  if (Array.isArray(value)) return value.map(plain);
  return value;
};

/** The inverse of toProps; the caller parses the result with the schema. Absent properties read as null. */
export function fromProps(schema: Schema, props: Props, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shapeOf(schema))) {
    const name = prefix ? `${prefix}_${key}` : key;
    const kind = kindOf(field);
    if (kind === 'object') {
      const nested = Object.keys(props).some((p) => p.startsWith(`${name}_`));
      out[key] = nested || !isNullable(field) ? fromProps(field, props, name) : null;
    } else if (kind === 'objects') {
      const element = defOf(unwrap(field)).element!;
      const columns = Object.entries(shapeOf(element)).map(([sub, subField]) => [sub, subField, (plain(props[`${name}_${sub}`]) as unknown[] | null) ?? []] as const);
      const rows = columns[0]?.[2].length ?? 0;
      const hasAny = columns.some(([sub]) => props[`${name}_${sub}`] !== undefined && props[`${name}_${sub}`] !== null);
      out[key] = !hasAny && isNullable(field)
        ? null
        : Array.from({ length: rows }, (_, r) => Object.fromEntries(columns.map(([sub, subField, list]) => [sub, list[r] === '' && isNullable(subField) ? null : list[r]])));
    } else {
      out[key] = plain(props[name]);
    }
  }
  return out;
}
