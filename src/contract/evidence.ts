import type { RecordKind, RecordOf } from './ingestBatch';

/**
 * Everything the detection core looks at: the validated records of the ingest contract,
 * every array present. The same shape comes from the scenario generator, from bulk
 * files and from the Neo4j evidence reader, so a detector never knows where its data
 * came from.
 */
export type Evidence = { [K in RecordKind]: RecordOf<K>[] };

export const emptyEvidence = (): Evidence => ({
  borrowers: [],
  adSources: [],
  complaintChannels: [],
  phoneLinks: [],
  deviceLinks: [],
  recruitments: [],
  complaints: [],
  calls: [],
});
