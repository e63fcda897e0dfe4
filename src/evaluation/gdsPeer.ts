import { loadConfig } from '../config';
import { gdsAvailability } from '../gds/gdsAvailability';
import { loadEvidence } from '../gds/loadEvidence';
import type { GdsPeerOptionsInput } from '../gds/peerOptions';
import { runGdsPipeline } from '../gds/runGdsPipeline';
import { GraphDatabase } from '../neo4j/graphDatabase';
import { ensureLocalNeo4j, gdsRequested, INSTANCES } from '../neo4j/localServer';
import type { AsyncRingDetector, DetectorNotRun } from './detector';

export const GDS_PEER_NAME = 'GDS peer (WCC, Node Similarity, Louvain)';

/**
 * The pipeline a Neo4j user would build instead of ringsight, after Neo4j's fraud-detection
 * example (src/gds/), as a detector: it empties the database, loads the evidence through
 * the ingest use case, and runs the GDS pipeline there.
 */
export function gdsPeerDetector(db: GraphDatabase, options: GdsPeerOptionsInput = {}, name = GDS_PEER_NAME): AsyncRingDetector {
  return {
    name,
    async detect(evidence) {
      const started = performance.now();
      await loadEvidence(db, evidence);
      const setupMs = Math.round(performance.now() - started);
      const { rings, figures } = await runGdsPipeline(db, options);
      return { rings, setupMs, stages: figures.stages };
    },
  };
}

export type GdsPeer = { detector: AsyncRingDetector; db: GraphDatabase; version: string } | { notRun: DetectorNotRun };

/**
 * The peer when it can run: RINGSIGHT_GDS=1 and a server with GDS, the project's own `gds`
 * instance (started with the plugin if it is not running). Otherwise why not, to print.
 * The peer clears the database it loads into, so it never uses NEO4J_URI.
 */
export async function openGdsPeer(log: (line: string) => void): Promise<GdsPeer> {
  const notRun = (reason: string): GdsPeer => ({ notRun: { detector: GDS_PEER_NAME, reason } });
  if (!gdsRequested()) return notRun('RINGSIGHT_GDS is not set to 1, so Graph Data Science was not started (RINGSIGHT_GDS=1 npm run evaluate … runs it)');
  let server;
  try {
    server = await ensureLocalNeo4j(INSTANCES.gds, log);
  } catch (error) {
    return notRun(`the gds Neo4j instance could not be started: ${(error as Error).message}`);
  }
  const db = new GraphDatabase({ uri: server.uri, user: server.user, password: server.password, database: loadConfig().NEO4J_DATABASE });
  const availability = await gdsAvailability(db);
  if (!availability.available) {
    await db.close();
    return notRun(availability.reason);
  }
  return { detector: gdsPeerDetector(db), db, version: availability.version };
}
