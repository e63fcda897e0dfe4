/**
 * Nested plain objects as flat Neo4j properties and back: `{usageStrength: {callVoice: 1}}`
 * ↔ `{option_usageStrength_callVoice: 1}`. Neo4j properties hold primitives and lists of
 * primitives only; flattening keeps every value a property an analyst can read and query
 * (`WHERE run.option_resolution > 0.5`) instead of a JSON string.
 */
export type Flat = Record<string, string | number | boolean | string[] | number[] | null>;

export function flatten(value: Record<string, unknown>, prefix: string): Flat {
  const out: Flat = {};
  for (const [key, v] of Object.entries(value)) {
    const name = `${prefix}_${key}`;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flatten(v as Record<string, unknown>, name));
    else if (v !== undefined && typeof v !== 'function') out[name] = v as Flat[string];
  }
  return out;
}

export function unflatten(props: Record<string, unknown>, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(props)) {
    if (!name.startsWith(`${prefix}_`)) continue;
    const path = name.slice(prefix.length + 1).split('_');
    let node = out;
    for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1]!] = v;
  }
  return out;
}
