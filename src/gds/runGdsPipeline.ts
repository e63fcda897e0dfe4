import { cypher } from '../neo4j/cypherFiles';
import type { GraphDatabase } from '../neo4j/graphDatabase';
import { int, toNumber } from '../neo4j/values';
import { GdsPeerOptionsSchema, type GdsPeerOptionsInput } from './peerOptions';
import { selectPeerRings, type PeerMember, type PeerSelection } from './selectPeerRings';

/** What one run of the pipeline took, stage by stage, and what it held on the server's heap. */
export interface GdsPipelineFigures {
  /** Milliseconds per stage, wall time seen from ringsight. */
  stages: Record<'project' | 'wcc' | 'similarity' | 'degree' | 'louvain' | 'drop' | 'total', number>;
  graphNodes: number;
  graphRelationships: number;
  components: number;
  similarities: number;
  /** The projected graph (with WCC, SIMILAR and scores added) as GDS sizes it. */
  /** GDS's own size of the projected graph; null where its JVM cannot measure it (GDS reports -1). */
  graphMiB: number | null;
  /** Highest heap in use on the server, sampled every 250 ms during the run; its maximum heap. */
  heapUsedMaxMiB: number;
  heapMaxMiB: number;
}

export interface GdsPipelineResult extends PeerSelection {
  figures: GdsPipelineFigures;
}

const MiB = 1024 * 1024;

/**
 * The GDS peer on the graph in the database: project borrowers and their identifiers,
 * WCC, Node Similarity, weighted degree, Louvain (cypher/gds/, one statement a step), then
 * the rings chosen from Louvain's communities (selectPeerRings). The projection is
 * dropped afterwards, also when a step fails.
 */
const sizeMiB = (bytes: number): number | null => (bytes >= 0 ? Math.round((bytes / MiB) * 10) / 10 : null);

export async function runGdsPipeline(db: GraphDatabase, input: GdsPeerOptionsInput = {}): Promise<GdsPipelineResult> {
  const options = GdsPeerOptionsSchema.parse(input);
  const run = (name: string, params: Record<string, unknown> = {}) =>
    db.driver.executeQuery(cypher(`gds/${name}`), { graphName: options.graphName, ...params }, { database: db.settings.database });
  const stages = {} as GdsPipelineFigures['stages'];
  const timed = async <T>(stage: keyof GdsPipelineFigures['stages'], work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      stages[stage] = Math.round(performance.now() - started);
    }
  };

  let heapUsedMax = 0;
  let heapMax = 0;
  const sampleHeap = async () => {
    const record = (await run('heapUsed')).records[0];
    heapUsedMax = Math.max(heapUsedMax, toNumber(record?.get('used')));
    heapMax = toNumber(record?.get('max'));
  };
  // Samples overlap the pipeline's own queries on purpose; one at a time, and never fatal.
  let sampling = Promise.resolve();
  const timer = setInterval(() => (sampling = sampling.then(sampleHeap).catch(() => undefined)), 250);

  const started = performance.now();
  try {
    await run('dropGraph');
    const projected = (await timed('project', () => run('projectIdentifiers', { maxIdentifierBorrowers: int(options.maxIdentifierBorrowers) }))).records[0];
    const wcc = (await timed('wcc', () => run('wccMutate'))).records[0];
    const similarity = (await timed('similarity', () => run('nodeSimilarityMutate', { topK: int(options.topK), similarityCutoff: options.similarityCutoff }))).records[0];
    await timed('degree', () => run('degreeMutate'));
    const rows = (await timed('louvain', () => run('louvainMembers', { minClusterSize: int(options.minRingSize) }))).records;
    const size = (await run('graphSize')).records[0];
    await sampleHeap();
    const members: PeerMember[] = rows.map((r) => ({
      borrowerId: String(r.get('borrowerId')),
      cluster: toNumber(r.get('cluster')),
      community: toNumber(r.get('community')),
      score: toNumber(r.get('score')),
    }));
    const selection = selectPeerRings(members, options);
    await timed('drop', () => run('dropGraph'));
    stages.total = Math.round(performance.now() - started);
    return {
      ...selection,
      figures: {
        stages,
        graphNodes: toNumber(projected?.get('nodeCount')),
        graphRelationships: toNumber(projected?.get('relationshipCount')),
        components: toNumber(wcc?.get('componentCount')),
        similarities: toNumber(similarity?.get('relationshipsWritten')),
        graphMiB: sizeMiB(toNumber(size?.get('sizeInBytes'))),
        heapUsedMaxMiB: Math.round(heapUsedMax / MiB),
        heapMaxMiB: Math.round(heapMax / MiB),
      },
    };
  } finally {
    clearInterval(timer);
    await sampling;
    await run('dropGraph').catch(() => undefined);
  }
}
