import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RECORD_KINDS, type IngestBatchInput } from '../../src/contract/ingestBatch';
import { loadConfig } from '../../src/config';
import { startServer } from '../../src/http/server';
import { BulkWriteError, bulkLoad } from '../../src/ingest/bulkLoad';
import { clearGraph } from '../../src/neo4j/clearGraph';
import { countGraph, type GraphCounts } from '../../src/neo4j/graphCounts';
import { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { ensureLocalNeo4j, INSTANCES, killLocalNeo4j, stopLocalNeo4j } from '../../src/neo4j/localServer';
import { toPlain } from '../../src/neo4j/plainValues';
import { generateScenario } from '../../src/scenario/generateScenario';
import { writeScenario } from '../../src/scenario/writeScenario';
import { Neo4jIngestStore } from '../../src/neo4j/ingestStore';

/**
 * Chaos: Neo4j is killed with SIGKILL while the bulk loader and the API write, then
 * restarted. Running the same load again (the loader) or retrying on 503 (an API client)
 * must converge to the graph a clean load gives: same count of every label and
 * relationship type, same properties and links on a sample of borrowers, calls and
 * complaints. Uses its own `chaos` instance (7691), which nobody else uses.
 */
const SCENARIO = { borrowers: 6_000, seed: 11 };
const chaos = INSTANCES.chaos;
const log = (line: string) => process.stderr.write(`${line}\n`);

let db: GraphDatabase;
let folder: string;
let reference: Fingerprint;

interface Fingerprint {
  counts: GraphCounts;
  sample: unknown;
}

/** Counts of everything, and the full properties and links of a fixed sample of entities. */
async function fingerprint(): Promise<Fingerprint> {
  const counts = await countGraph(db);
  const { records } = await db.driver.executeQuery(
    `MATCH (n) WHERE (n:Borrower OR n:Call OR n:Complaint) AND n.id ENDS WITH '7'
     RETURN labels(n)[0] + ':' + n.id AS key, properties(n) AS props,
            COLLECT { MATCH (n)-[r]-(x) RETURN type(r) + ' ' + coalesce(x.id, x.number) } AS links
     ORDER BY key`,
    {},
    { database: db.settings.database },
  );
  const sample = records.map((r) => ({ key: r.get('key'), props: toPlain(r.get('props')), links: (r.get('links') as string[]).sort() }));
  return { counts, sample };
}

const restart = async () => {
  const started = Date.now();
  await ensureLocalNeo4j(chaos, log);
  log(`chaos: Neo4j back after ${((Date.now() - started) / 1000).toFixed(1)} s`);
};

beforeAll(async () => {
  const server = await ensureLocalNeo4j(chaos, log);
  db = new GraphDatabase({ uri: server.uri, user: server.user, password: server.password, database: 'neo4j' });
  await db.applySchema();
  await clearGraph(db);
  folder = mkdtempSync(join(tmpdir(), 'ringsight-chaos-'));
  await writeScenario(SCENARIO, folder);
  await bulkLoad(new Neo4jIngestStore(db), folder);
  reference = await fingerprint();
  log(`chaos: reference graph ${JSON.stringify(reference.counts.nodes)}; ${(reference.sample as unknown[]).length} sampled entities`);
}, 300_000);

afterAll(async () => {
  await db?.close();
  await stopLocalNeo4j(chaos, log);
}, 120_000);

describe('Neo4j killed mid-write', () => {
  it('when the bulk loader loses Neo4j mid-load, then it says what it committed, and re-running after the restart converges to a clean load', async () => {
    await clearGraph(db);
    let killed: Promise<void> | null = null;
    const error = await bulkLoad(new Neo4jIngestStore(db), folder, {
      onProgress: (phase, done) => {
        if (phase === 'writing' && done >= 10_000 && !killed) killed = killLocalNeo4j(chaos);
      },
    }).catch((e: unknown) => e);
    await killed;
    expect(killed).not.toBeNull();
    expect(error).toBeInstanceOf(BulkWriteError);
    const { committed, message } = error as BulkWriteError;
    log(`chaos: loader stopped: ${message}`);
    expect(Object.values(committed).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(10_000);
    expect(message).toContain('run the same command again');

    await restart();
    await bulkLoad(new Neo4jIngestStore(db), folder);
    expect(await fingerprint()).toEqual(reference);
  }, 300_000);

  it('when the API loses Neo4j while a client posts batches, then it answers 503 with Retry-After within seconds, and a client that retries converges to a clean load', async () => {
    await clearGraph(db);
    const admin = { role: 'admin' as const, key: 'chaos-admin-key-0123456789' };
    const api = await startServer({ ...loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000000' }), API_KEYS: [admin] }, db, { port: 0 });
    const evidence = generateScenario(SCENARIO).evidence;
    const batches: IngestBatchInput[] = RECORD_KINDS.flatMap((kind) => {
      const records = evidence[kind] as object[];
      return Array.from({ length: Math.ceil(records.length / 2_000) }, (_, i) => ({ [kind]: records.slice(i * 2_000, (i + 1) * 2_000) }));
    });
    const unavailable: { ms: number; retryAfter: string | null }[] = [];
    let outage: Promise<void> | null = null;
    try {
      for (let i = 0; i < batches.length; i++) {
        for (let attempt = 0; ; attempt++) {
          // The chaos monkey: kill Neo4j while the sixth batch is in flight, restart it 3 s later.
          if (i === 5 && attempt === 0) {
            outage = new Promise((resolve) => setTimeout(resolve, 150))
              .then(() => killLocalNeo4j(chaos))
              .then(() => new Promise((resolve) => setTimeout(resolve, 3_000)))
              .then(restart);
          }
          const sent = Date.now();
          const res = await fetch(`${api.url}/v1/ingest`, {
            method: 'POST',
            headers: { authorization: `Bearer ${admin.key}`, 'content-type': 'application/json' },
            body: JSON.stringify(batches[i]),
          });
          if (res.status === 200) break;
          expect(res.status).toBe(503);
          unavailable.push({ ms: Date.now() - sent, retryAfter: res.headers.get('retry-after') });
          expect(attempt).toBeLessThan(200);
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
      await outage;
    } finally {
      await api.close();
    }
    const slowest = Math.max(...unavailable.map((u) => u.ms));
    log(`chaos: ${unavailable.length} answers of 503 during the outage, slowest ${slowest} ms, median ${unavailable.map((u) => u.ms).sort((a, b) => a - b)[Math.floor(unavailable.length / 2)]} ms`);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unavailable.every((u) => u.retryAfter !== null)).toBe(true);
    expect(slowest).toBeLessThan(5_000);
    expect(await fingerprint()).toEqual(reference);
  }, 300_000);
});
