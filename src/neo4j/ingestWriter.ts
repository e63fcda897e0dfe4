import type { ManagedTransaction } from 'neo4j-driver';
import type { RecordKind, RecordOf } from '../contract/ingestBatch';
import type { IdsByKind, ReferencedKind } from '../contract/references';
import { emptyIds } from '../contract/references';
import type { EventConflict, EventKind } from '../contract/eventConflicts';
import { nodesNamedBy } from '../contract/nodesNamed';
import { cypher } from './cypherFiles';
import { int, toNumber } from './values';

/** Rows per UNWIND: large enough to amortise round trips, small enough for a modest heap. */
export const WRITE_CHUNK = 5_000;

/** The rows, WRITE_CHUNK at a time. */
export function* chunksOf<T>(rows: readonly T[]): Generator<T[]> {
  for (let start = 0; start < rows.length; start += WRITE_CHUNK) yield rows.slice(start, start + WRITE_CHUNK);
}

/** Runs a statement over the rows in one transaction, a chunk per run, the rows in parameter `key`. */
export async function inChunks(tx: ManagedTransaction, statement: string, key: string, rows: readonly unknown[], extra: Record<string, unknown> = {}): Promise<void> {
  for (const chunk of chunksOf(rows)) await tx.run(cypher(statement), { ...extra, [key]: chunk });
}

import { addCounters, zeroCounters, type WrittenRecords } from '../ingest/ports';

export { addCounters, zeroCounters };
export type { WriteCounters, WrittenRecords } from '../ingest/ports';

/** Absent fields travel as null, which the statements read as "keep the stored value". */
const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

/**
 * The parameters each ingest statement expects, from validated records: one flat row per
 * record with every property named, so the statements can set them one by one.
 */
const toRow: { [K in RecordKind]: (r: RecordOf<K>) => Record<string, unknown> } = {
  borrowers: (r) => ({
    id: r.id,
    name: orNull(r.name),
    idNumberHash: orNull(r.idNumberHash),
    registeredAt: orNull(r.registeredAt),
    overdueDays: r.overdueDays === undefined ? null : int(r.overdueDays),
    outstandingPrincipal: orNull(r.outstandingPrincipal),
  }),
  adSources: (r) => ({ id: r.id, kind: orNull(r.kind), label: orNull(r.label) }),
  complaintChannels: (r) => ({ id: r.id, name: orNull(r.name), kind: orNull(r.kind) }),
  phoneLinks: (r) => ({ borrowerId: r.borrowerId, phone: r.phone, role: r.role }),
  deviceLinks: (r) => ({ borrowerId: r.borrowerId, deviceId: r.deviceId, seenAt: orNull(r.seenAt) }),
  recruitments: (r) => ({ borrowerId: r.borrowerId, adSourceId: r.adSourceId, at: orNull(r.at) }),
  complaints: (r) => ({
    id: r.id,
    borrowerId: r.borrowerId,
    channelId: r.channelId,
    filedAt: orNull(r.filedAt),
    phone: orNull(r.phone),
    deviceId: orNull(r.deviceId),
    claim: orNull(r.claim),
    text: orNull(r.text),
  }),
  calls: (r) => ({
    id: r.id,
    borrowerId: r.borrowerId,
    at: orNull(r.at),
    phone: orNull(r.phone),
    voiceprintId: orNull(r.voiceprintId),
    voiceMatch: orNull(r.voiceMatch),
    identityVerified: orNull(r.identityVerified),
  }),
};

/**
 * The records sorted by the nodes they name, most shared first (a phone or device, then the
 * borrower), so overlapping batches take their locks in the same order and deadlock far
 * less often.
 */
function inLockOrder<K extends RecordKind>(kind: K, records: ReadonlyArray<RecordOf<K>>): RecordOf<K>[] {
  const nodesOf = nodesNamedBy(kind);
  const keyOf = (record: RecordOf<K>) => nodesOf(record).join('\u0000');
  return records
    .map((record) => ({ record, key: keyOf(record) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ record }) => record);
}

/** Writes records of one kind inside the caller's transaction, in UNWIND chunks. */
export async function writeRecords<K extends RecordKind>(
  tx: ManagedTransaction,
  kind: K,
  unordered: ReadonlyArray<RecordOf<K>>,
): Promise<WrittenRecords> {
  const written: WrittenRecords = { ...zeroCounters(), eventsStoredBefore: [], unresolved: 0 };
  const statement = cypher(`ingest/${kind}`);
  const records = inLockOrder(kind, unordered);
  for (let start = 0; start < records.length; start += WRITE_CHUNK) {
    const rows = records.slice(start, start + WRITE_CHUNK).map((r) => toRow[kind](r));
    const result = await tx.run(statement, { rows });
    const c = result.summary.counters.updates();
    addCounters(written, { nodesCreated: c.nodesCreated, relationshipsCreated: c.relationshipsCreated, propertiesSet: c.propertiesSet });
    // Kinds that reference nothing return no record: every row resolved.
    const record = result.records[0];
    if (record) {
      written.unresolved += rows.length - toNumber(record.get('resolved'));
      if (record.has('storedBefore')) written.eventsStoredBefore.push(...(record.get('storedBefore') as string[]));
    }
  }
  if (records.length > 0) await tx.run(cypher('ingest/stamp'), { kind, records: int(records.length), ...stampedBorrowers(kind, records) });
  return written;
}

/**
 * The borrowers a write of records is about, for the next incremental analysis. Ad
 * sources and complaint channels are about nobody in particular: the analysis compares
 * their sizes and kinds with the last run's itself.
 */
function stampedBorrowers<K extends RecordKind>(kind: K, records: ReadonlyArray<RecordOf<K>>): { borrowers: string[] } {
  if (kind === 'borrowers') return { borrowers: [...new Set(records.map((r) => (r as RecordOf<'borrowers'>).id))] };
  if (kind === 'adSources' || kind === 'complaintChannels') return { borrowers: [] };
  return { borrowers: [...new Set(records.map((r) => (r as { borrowerId: string }).borrowerId))] };
}

/** How many complaints and calls the graph holds. */
export async function countStoredEvents(tx: ManagedTransaction): Promise<Record<EventKind, number>> {
  const result = await tx.run(cypher('ingest/storedEventCounts'));
  const record = result.records[0]!;
  return { complaints: toNumber(record.get('complaints')), calls: toNumber(record.get('calls')) };
}

/** Whether the database holds no node at all. */
export async function graphIsEmpty(tx: ManagedTransaction): Promise<{ empty: boolean; nodes: number }> {
  const result = await tx.run(cypher('ingest/graphSize'));
  const nodes = toNumber(result.records[0]?.get('nodes'));
  return { empty: nodes === 0, nodes };
}

const MISSING_IDS: Record<ReferencedKind, string> = {
  borrower: 'ingest/missingBorrowerIds',
  adSource: 'ingest/missingAdSourceIds',
  complaintChannel: 'ingest/missingComplaintChannelIds',
};

/** Of the given ids, those not yet in the graph. */
export async function findMissingIds(tx: ManagedTransaction, wanted: IdsByKind): Promise<IdsByKind> {
  const missing = emptyIds();
  for (const kind of Object.keys(wanted) as ReferencedKind[]) {
    const ids = [...wanted[kind]];
    for (let start = 0; start < ids.length; start += WRITE_CHUNK) {
      const result = await tx.run(cypher(MISSING_IDS[kind]), { ids: ids.slice(start, start + WRITE_CHUNK) });
      for (const record of result.records) missing[kind].add(record.get('id') as string);
    }
  }
  return missing;
}

const CONFLICT_FIELDS: Record<EventKind, string[]> = {
  complaints: ['borrowerId', 'channelId', 'phone', 'deviceId'],
  calls: ['borrowerId', 'phone', 'voiceprintId'],
};

/**
 * Events of the given records whose stored relationships disagree with them. Run inside
 * the writing transaction after the writes, it sees every concurrent batch that wrote the
 * same event first (see cypher/ingest/complaintConflicts.cypher).
 */
export async function findEventConflicts<K extends EventKind>(tx: ManagedTransaction, kind: K, records: ReadonlyArray<RecordOf<K>>): Promise<EventConflict[]> {
  const conflicts: EventConflict[] = [];
  const statement = cypher(kind === 'complaints' ? 'ingest/complaintConflicts' : 'ingest/callConflicts');
  for (let start = 0; start < records.length; start += WRITE_CHUNK) {
    const rows = records.slice(start, start + WRITE_CHUNK).map((r) => toRow[kind](r));
    const result = await tx.run(statement, { rows });
    for (const record of result.records) {
      for (const field of CONFLICT_FIELDS[kind]) {
        const stored = record.get(field) as string[];
        if (stored.length > 0) conflicts.push({ kind, id: record.get('id') as string, field, stored });
      }
    }
  }
  return conflicts;
}
