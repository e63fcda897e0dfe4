import type { ManagedTransaction } from 'neo4j-driver';
import type { RecordKind, RecordOf } from '../contract/ingestBatch';
import type { IdsByKind, ReferencedKind } from '../contract/references';
import { emptyIds } from '../contract/references';
import { cypher } from './cypherFiles';
import { int } from './values';

/** Rows per UNWIND: large enough to amortise round trips, small enough for a modest heap. */
export const WRITE_CHUNK = 5_000;

export interface WriteCounters {
  nodesCreated: number;
  relationshipsCreated: number;
  propertiesSet: number;
}

export const zeroCounters = (): WriteCounters => ({ nodesCreated: 0, relationshipsCreated: 0, propertiesSet: 0 });

export function addCounters(into: WriteCounters, more: WriteCounters): WriteCounters {
  into.nodesCreated += more.nodesCreated;
  into.relationshipsCreated += more.relationshipsCreated;
  into.propertiesSet += more.propertiesSet;
  return into;
}

/** Leaves out absent fields so `SET n += props` never erases a stored value. */
function defined(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) if (value !== undefined) out[key] = value;
  return out;
}

/** The parameters each ingest statement expects, from validated records. */
const toRow: { [K in RecordKind]: (r: RecordOf<K>) => Record<string, unknown> } = {
  borrowers: ({ id, registeredAt, overdueDays, ...rest }) => ({
    id,
    registeredAt: registeredAt ?? null,
    props: defined({ ...rest, overdueDays: overdueDays === undefined ? undefined : int(overdueDays) }),
  }),
  adSources: ({ id, ...rest }) => ({ id, props: defined(rest) }),
  complaintChannels: ({ id, ...rest }) => ({ id, props: defined(rest) }),
  phoneLinks: (r) => ({ ...r }),
  deviceLinks: (r) => ({ borrowerId: r.borrowerId, deviceId: r.deviceId, seenAt: r.seenAt ?? null }),
  recruitments: (r) => ({ borrowerId: r.borrowerId, adSourceId: r.adSourceId, at: r.at ?? null }),
  complaints: ({ id, borrowerId, channelId, filedAt, phone, deviceId, ...rest }) => ({
    id,
    borrowerId,
    channelId,
    filedAt: filedAt ?? null,
    phone: phone ?? null,
    deviceId: deviceId ?? null,
    props: defined(rest),
  }),
  calls: ({ id, borrowerId, at, phone, voiceprintId, ...rest }) => ({
    id,
    borrowerId,
    at: at ?? null,
    phone: phone ?? null,
    voiceprintId: voiceprintId ?? null,
    props: defined(rest),
  }),
};

/** Writes records of one kind inside the caller's transaction, in UNWIND chunks. */
export async function writeRecords<K extends RecordKind>(
  tx: ManagedTransaction,
  kind: K,
  records: ReadonlyArray<RecordOf<K>>,
): Promise<WriteCounters> {
  const counters = zeroCounters();
  const statement = cypher(`ingest/${kind}`);
  for (let start = 0; start < records.length; start += WRITE_CHUNK) {
    const rows = records.slice(start, start + WRITE_CHUNK).map((r) => toRow[kind](r));
    const result = await tx.run(statement, { rows });
    const c = result.summary.counters.updates();
    addCounters(counters, { nodesCreated: c.nodesCreated, relationshipsCreated: c.relationshipsCreated, propertiesSet: c.propertiesSet });
  }
  return counters;
}

const EXISTING_IDS: Record<ReferencedKind, string> = {
  borrower: 'ingest/existingBorrowerIds',
  adSource: 'ingest/existingAdSourceIds',
  complaintChannel: 'ingest/existingComplaintChannelIds',
};

/** Of the given ids, those not yet in the graph. */
export async function findMissingIds(tx: ManagedTransaction, wanted: IdsByKind): Promise<IdsByKind> {
  const missing = emptyIds();
  for (const kind of Object.keys(wanted) as ReferencedKind[]) {
    const ids = [...wanted[kind]];
    const found = new Set<string>();
    for (let start = 0; start < ids.length; start += WRITE_CHUNK) {
      const result = await tx.run(cypher(EXISTING_IDS[kind]), { ids: ids.slice(start, start + WRITE_CHUNK) });
      for (const record of result.records) found.add(record.get('id') as string);
    }
    for (const id of ids) if (!found.has(id)) missing[kind].add(id);
  }
  return missing;
}
