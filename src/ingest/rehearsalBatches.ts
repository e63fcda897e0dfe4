import { RECORD_KINDS, type IngestBatchInput, type RecordKind } from '../contract/ingestBatch';

/** Entities already in the graph that a rehearsal's records may name, as a day's records name them. */
export interface RehearsalCast {
  borrowers: readonly string[];
  adSource: string;
  channel: string;
}

/** Whom a batch's records are about: entities of the batch itself, or of the graph. */
interface Named {
  borrower: (i: number) => string;
  adSource: string;
  channel: string;
}

/** Ids no client sends (ids are the client's, and a rehearsal's writes are rolled back anyway). */
const PREFIX = 'ringsight-rehearsal';

/** The id of row `i`'s `what` in the batches of `size` records. */
const idOf = (size: number, what: string, i: number) => `${PREFIX}-${size}-${what}-${i}`;

/** A valid mobile number per row (E.164, as the contract stores it). */
const phoneOf = (i: number) => `+86139${String(i % 100_000_000).padStart(8, '0')}`;

/** One row of each kind, for row `i` of a batch of `size`, every field a day's record may carry filled in. */
function rowOf(kind: RecordKind, i: number, size: number, named: Named, at: string): Record<string, unknown> {
  const id = (what: string) => idOf(size, what, i);
  switch (kind) {
    case 'borrowers':
      return { id: id('borrower'), name: 'Rehearsal', idNumberHash: id('hash'), registeredAt: at, overdueDays: 30, outstandingPrincipal: 1_000 };
    case 'adSources':
      return { id: id('source'), kind: 'street_flyer', label: 'rehearsal' };
    case 'complaintChannels':
      return { id: id('channel'), name: 'rehearsal', kind: 'other' };
    case 'phoneLinks':
      return { borrowerId: named.borrower(i), phone: phoneOf(i), role: 'registered' };
    case 'deviceLinks':
      return { borrowerId: named.borrower(i), deviceId: id('device'), seenAt: at };
    case 'recruitments':
      return { borrowerId: named.borrower(i), adSourceId: named.adSource, at };
    case 'complaints':
      return { id: id('complaint'), borrowerId: named.borrower(i), channelId: named.channel, filedAt: at, phone: phoneOf(i), deviceId: id('device'), claim: 'rehearsal', text: 'rehearsal' };
    case 'calls':
      return { id: id('call'), borrowerId: named.borrower(i), at, phone: phoneOf(i), voiceprintId: id('voice'), voiceMatch: false, identityVerified: false };
  }
}

const rowsOf = (kind: RecordKind, size: number, named: Named, at: string) => Array.from({ length: size }, (_, i) => rowOf(kind, i, size, named, at));

/**
 * Batches shaped as a day's, to rehearse its ingest (dayRehearsal.ts). Neo4j keys a
 * statement's plan by the size of each list it is given, rounded up to a power of ten,
 * and by whether its transaction already holds changes; so for each size: one batch of
 * every kind, as a client sending a day's records together (each kind after the first
 * runs on a transaction holding changes), and one batch per kind alone, as a client
 * sending kind by kind (each kind first in its transaction). The records of the first
 * name one another; those sent alone name the graph's own borrowers, ad source and
 * channel, as a day's do.
 */
export function rehearsalBatches(cast: RehearsalCast, sizes: readonly number[], at: string): IngestBatchInput[] {
  const batches: IngestBatchInput[] = [];
  for (const size of sizes) {
    const own: Named = { borrower: (i) => idOf(size, 'borrower', i), adSource: idOf(size, 'source', 0), channel: idOf(size, 'channel', 0) };
    batches.push(Object.fromEntries(RECORD_KINDS.map((kind) => [kind, rowsOf(kind, size, own, at)])) as IngestBatchInput);
    const graph: Named = { borrower: (i) => cast.borrowers[i % cast.borrowers.length]!, adSource: cast.adSource, channel: cast.channel };
    for (const kind of RECORD_KINDS) batches.push({ [kind]: rowsOf(kind, size, graph, at) } as IngestBatchInput);
  }
  return batches;
}
