import { createHash } from 'node:crypto';
import type { IngestBatch, RecordKind, RecordOf } from './ingestBatch';
import type { IssueDetail } from './validationIssues';

/**
 * Records that name the same thing must say the same thing. Within one batch (or one
 * bulk load) two records with the same key and different fields used to be written one
 * after the other, the last silently winning, or, for events, a call ABOUT two borrowers.
 * The rule: identical repeats are harmless and written once; repeats that differ in any
 * field are refused, naming both occurrences.
 */

type KeyOf<K extends RecordKind> = ((record: RecordOf<K>) => string) | null;

/** What identifies a record of each kind; null where every repeat is a fact of its own. */
export const RECORD_KEYS: { [K in RecordKind]: KeyOf<K> } = {
  borrowers: (r) => r.id,
  adSources: (r) => r.id,
  complaintChannels: (r) => r.id,
  // Every field of a phone link is part of its identity: two with one key are identical.
  phoneLinks: null,
  // Each device link is one sighting; several widen the seen window, by design.
  deviceLinks: null,
  recruitments: (r) => `${r.borrowerId}\u0000${r.adSourceId}`,
  complaints: (r) => r.id,
  calls: (r) => r.id,
};

const KIND_NOUN: Record<RecordKind, string> = {
  borrowers: 'borrower id',
  adSources: 'ad source id',
  complaintChannels: 'complaint channel id',
  phoneLinks: 'phone link',
  deviceLinks: 'device link',
  recruitments: 'borrower and ad source',
  complaints: 'complaint id',
  calls: 'call id',
};

/** A record in a canonical form: keys sorted, so field order never makes two records differ. */
export function canonicalRecord(record: object): string {
  const entries = Object.entries(record).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

/** 48 bits of a record's SHA-256: what the bulk loader keeps per key instead of the record. */
export const recordFingerprint = (record: object): number => createHash('sha256').update(canonicalRecord(record)).digest().readUIntBE(0, 6);

export function differingFields(a: object, b: object): string[] {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort();
  return fields.filter((f) => JSON.stringify(x[f]) !== JSON.stringify(y[f]));
}

export const duplicateKeyLabel = (kind: RecordKind, key: string): string => `${KIND_NOUN[kind]} ${JSON.stringify(key.replace('\u0000', ' / '))}`;

export function conflictMessage(kind: RecordKind, key: string, firstAt: string, fields: string[] | null): string {
  const differ = fields && fields.length > 0 ? `differs in ${fields.join(', ')}` : 'has different fields';
  return `the same ${duplicateKeyLabel(kind, key)} as ${firstAt}, but ${differ}; send one record per key (identical repeats are fine)`;
}

/** One detail per record that repeats an earlier record's key with different fields. */
export function conflictingDuplicates(batch: IngestBatch): IssueDetail[] {
  const details: IssueDetail[] = [];
  for (const kind of Object.keys(RECORD_KEYS) as RecordKind[]) {
    const keyOf = RECORD_KEYS[kind] as KeyOf<typeof kind>;
    const records = (batch[kind] ?? []) as RecordOf<typeof kind>[];
    if (!keyOf || records.length < 2) continue;
    const first = new Map<string, { index: number; canonical: string }>();
    records.forEach((record, index) => {
      const key = keyOf(record as never);
      const canonical = canonicalRecord(record);
      const seen = first.get(key);
      if (!seen) first.set(key, { index, canonical });
      else if (seen.canonical !== canonical) {
        details.push({ path: `${kind}[${index}]`, message: conflictMessage(kind, key, `${kind}[${seen.index}]`, differingFields(records[seen.index]!, record)) });
      }
    });
  }
  return details;
}
