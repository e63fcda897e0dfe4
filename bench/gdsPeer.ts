/**
 * The GDS peer's speed and memory on the scenario the bench just loaded: on the bench
 * database itself when it has Graph Data Science, else on the project's `gds` instance,
 * loaded from the same folder by the bulk loader (its load is reported, not counted).
 * Memory is what the server holds: GDS's own size of the projected graph, the heap in use
 * sampled during the run, and the server process's resident set when it is one of the
 * project's own (read from /proc).
 */
import { readFileSync } from 'node:fs';
import { runGdsPipeline, type GdsPipelineFigures } from '../src/gds/runGdsPipeline';
import { bulkLoad } from '../src/ingest/bulkLoad';
import { clearGraph } from '../src/neo4j/clearGraph';
import type { GraphDatabase } from '../src/neo4j/graphDatabase';
import { Neo4jIngestStore } from '../src/neo4j/ingestStore';
import { localServerPid } from '../src/neo4j/localServer';

export interface GdsPeerFigures extends GdsPipelineFigures {
  borrowers: number;
  where: string;
  /** Loading the gds instance when the bench database has no GDS; 0 when it ran on the bench database. */
  loadMs: number;
  rings: number;
  /** Highest resident set of the server during the pipeline, null when it is not a local server of the project's. */
  serverRssMaxMiB: number | null;
}

function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : 0;
}

export async function measureGdsPeer(db: GraphDatabase, borrowers: number, folder: string | null): Promise<GdsPeerFigures> {
  let loadMs = 0;
  if (folder) {
    const started = performance.now();
    await clearGraph(db);
    await db.applySchema();
    await bulkLoad(new Neo4jIngestStore(db), folder);
    loadMs = Math.round(performance.now() - started);
  }
  const pid = localServerPid(Number(new URL(db.settings.uri).port));
  let rssMax = pid === null ? null : rssMiB(pid);
  const timer = setInterval(() => pid !== null && (rssMax = Math.max(rssMax ?? 0, rssMiB(pid))), 250);
  try {
    const { rings, figures } = await runGdsPipeline(db);
    return { borrowers, where: db.settings.uri, loadMs, rings: rings.length, serverRssMaxMiB: rssMax, ...figures };
  } finally {
    clearInterval(timer);
  }
}
