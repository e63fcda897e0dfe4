import neo4j from 'neo4j-driver';

/**
 * Driver types stop here: the rest of ringsight sees plain numbers and ISO strings.
 */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  return Number(value);
}

export function toIsoString(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (neo4j.isDateTime(value)) return (value as { toStandardDate(): Date }).toStandardDate().toISOString();
  return String(value);
}

/** JavaScript numbers travel as floats; counts and days must be stored as integers. */
export const int = (value: number) => neo4j.int(value);
