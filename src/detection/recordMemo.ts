/**
 * Values worked out from a list of records, remembered while the first of them lives.
 *
 * A process that keeps the last run's plan inputs (PlanInputsCache) passes the very same
 * record objects again for every borrower the day did not touch, and records are never
 * changed in place. So a campaign whose complaints are the same objects, in the same
 * order, with the same shingles, has the same template core, filing period, kit and text
 * affinity as last time: at 1,000,000 borrowers those took about a third of the campaign
 * search, on every run, for the few campaigns a day's slice changes.
 *
 * Keyed weakly by the first record, so entries go with the records; a few entries per key,
 * since one complaint can be in the campaigns of two sources that recruited its filer.
 */
export class RecordMemo<T> {
  private readonly entries = new WeakMap<object, Entry<T>[]>();

  /** The value for these records and texts (compared by identity), computed when not remembered. */
  get(records: readonly object[], texts: readonly unknown[], compute: () => T): T {
    const first = records[0];
    if (first === undefined) return compute();
    const list = this.entries.get(first) ?? [];
    const hit = list.find((e) => sameItems(e.records, records) && sameItems(e.texts, texts));
    if (hit) return hit.value;
    const value = compute();
    this.entries.set(first, [{ records: [...records], texts: [...texts], value }, ...list].slice(0, ENTRIES_PER_KEY));
    return value;
  }
}

interface Entry<T> {
  records: readonly object[];
  texts: readonly unknown[];
  value: T;
}

const ENTRIES_PER_KEY = 4;

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
