import type { RecordKind, RecordOf } from './ingestBatch';

/**
 * The graph nodes a record's write creates, updates or ties to (borrower, phone, device, ad
 * source, channel, voiceprint, the event itself), as label-tagged keys. A write locks each
 * of them until its transaction commits, so two transactions that name a common node wait
 * on each other. For a link, the identifier other records most often share (the phone, the
 * device, the ad source) comes before the borrower: sorting by the joined keys takes the
 * most contended locks in one order (see inLockOrder in neo4j/ingestWriter.ts).
 */
const NODES_NAMED: { [K in RecordKind]: (r: RecordOf<K>) => string[] } = {
  borrowers: (r) => [`b:${r.id}`],
  adSources: (r) => [`a:${r.id}`],
  complaintChannels: (r) => [`h:${r.id}`],
  phoneLinks: (r) => [`p:${r.phone}`, `b:${r.borrowerId}`],
  deviceLinks: (r) => [`d:${r.deviceId}`, `b:${r.borrowerId}`],
  recruitments: (r) => [`a:${r.adSourceId}`, `b:${r.borrowerId}`],
  complaints: (r) => [`c:${r.id}`, `b:${r.borrowerId}`, `h:${r.channelId}`, ...(r.phone ? [`p:${r.phone}`] : []), ...(r.deviceId ? [`d:${r.deviceId}`] : [])],
  calls: (r) => [`k:${r.id}`, `b:${r.borrowerId}`, ...(r.phone ? [`p:${r.phone}`] : []), ...(r.voiceprintId ? [`v:${r.voiceprintId}`] : [])],
};

/** The nodes a record of `kind` names, most shared first. */
export function nodesNamedBy<K extends RecordKind>(kind: K): (record: RecordOf<K>) => string[] {
  return NODES_NAMED[kind] as (record: RecordOf<K>) => string[];
}
