/**
 * Latency of the investigator API against the graph in NEO4J_URI (load and analyse the
 * 20,000-borrower scenario first):
 *   npm run generate -- --borrowers 20000 --seed 1 --out /tmp/x
 *   NEO4J_URI=... NEO4J_PASSWORD=... npm run load -- /tmp/x && ... npm run analyze
 *   NEO4J_URI=... NEO4J_PASSWORD=... npx tsx bench/api.ts [seconds]
 * GET /v1/rings/{id} runs at a fixed 300 requests/s (target p99 < 50 ms), rotating over
 * every ring; the other endpoints run flat out on 10 connections to show their throughput.
 * Prints a markdown table. The server runs in a child process (audit trail on), so the
 * load generator does not share its event loop.
 */
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { startServer } from '../src/http/server';
import { GraphDatabase, resolveNeo4jSettings } from '../src/neo4j/graphDatabase';

const seconds = Number(process.argv.find((a, i) => i >= 2 && /^\d+$/.test(a)) ?? 10);
const KEY = 'bench-admin-key-0123456789';

interface Load {
  name: string;
  paths: string[];
  rate?: number;
  connections: number;
}

async function sample(db: GraphDatabase): Promise<{ rings: string[]; borrowers: string[]; phones: string[]; devices: string[] }> {
  const { records } = await db.driver.executeQuery(
    `MATCH (r:Ring) WITH r ORDER BY r.id
     MATCH (b:Borrower)-[:MEMBER_OF]->(r)
     WITH r, collect(b)[0] AS b
     OPTIONAL MATCH (b)-[:HAS_PHONE]->(p:Phone)
     OPTIONAL MATCH (b)-[:USED_DEVICE]->(d:Device)
     RETURN r.id AS ring, b.id AS borrower, collect(DISTINCT p.number)[0] AS phone, collect(DISTINCT d.id)[0] AS device`,
    {},
    { database: db.settings.database },
  );
  const col = (k: string) => records.map((r) => r.get(k) as string | null).filter((v): v is string => v !== null);
  return { rings: col('ring'), borrowers: col('borrower'), phones: col('phone'), devices: col('device') };
}

function run(url: string, load: Load): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url,
    duration: seconds,
    connections: load.connections,
    ...(load.rate ? { overallRate: load.rate } : {}),
    headers: { authorization: `Bearer ${KEY}` },
    requests: [{ setupRequest: (req) => ({ ...req, path: load.paths[next++ % load.paths.length]! }) }],
  });
}

/** Re-runs this file with --serve in a child process and waits for the URL it prints. */
function serveInChild(): Promise<{ url: string; close: () => Promise<void> }> {
  const child = spawn(process.execPath, [...process.execArgv, __filename, '--serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    child.stdout.once('data', (chunk: Buffer) =>
      resolve({
        url: chunk.toString().trim(),
        close: () => new Promise<void>((done) => child.once('exit', () => done()).kill('SIGTERM')),
      }),
    );
  });
}

async function serve(): Promise<void> {
  const config = loadConfig({ ...process.env, API_KEYS: `admin:${KEY}`, RATE_LIMIT_PER_MINUTE: '10000000', LOG_LEVEL: 'silent' });
  const db = new GraphDatabase(await resolveNeo4jSettings(config));
  const server = await startServer(config, db, { port: 0, logger: pino({ level: 'silent' }) });
  process.stdout.write(`${server.url}\n`);
  process.once('SIGTERM', () => void server.close().then(() => db.close()).then(() => process.exit(0)));
}

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, API_KEYS: `admin:${KEY}`, RATE_LIMIT_PER_MINUTE: '10000000', LOG_LEVEL: 'silent' });
  const db = new GraphDatabase(await resolveNeo4jSettings(config));
  const ids = await sample(db);
  if (ids.rings.length === 0) throw new Error('No rings in the graph: load and analyse a scenario first');
  const server = await serveInChild();
  const loads: Load[] = [
    // autocannon spreads a fixed rate evenly over its connections, and they fire in step:
    // 20 connections at 300/s means a burst of 20 requests every 67 ms, which is a burst
    // test more than a rate test. Both shapes are reported.
    { name: 'GET /v1/rings/{id} @300/s', paths: ids.rings.map((r) => `/v1/rings/${r}`), rate: 300, connections: 10 },
    { name: 'GET /v1/rings/{id} @300/s in bursts of 20', paths: ids.rings.map((r) => `/v1/rings/${r}`), rate: 300, connections: 20 },
    { name: 'GET /v1/rings/{id}', paths: ids.rings.map((r) => `/v1/rings/${r}`), connections: 10 },
    { name: 'GET /v1/rings?limit=20', paths: ['/v1/rings?limit=20'], connections: 10 },
    { name: 'GET /v1/rings/{id}/members', paths: ids.rings.map((r) => `/v1/rings/${r}/members?limit=20`), connections: 10 },
    { name: 'GET /v1/rings/{id}/graph', paths: ids.rings.map((r) => `/v1/rings/${r}/graph`), connections: 10 },
    { name: 'GET /v1/rings/{id}/evidence', paths: ids.rings.map((r) => `/v1/rings/${r}/evidence`), connections: 10 },
    { name: 'GET /v1/borrowers/{id}', paths: ids.borrowers.map((b) => `/v1/borrowers/${b}`), connections: 10 },
    { name: 'GET /v1/phones/{number}', paths: ids.phones.map((p) => `/v1/phones/${encodeURIComponent(p)}`), connections: 10 },
    { name: 'GET /v1/devices/{id}', paths: ids.devices.map((d) => `/v1/devices/${d}`), connections: 10 },
    { name: 'GET /v1/search?q=<borrower id>', paths: ids.borrowers.map((b) => `/v1/search?q=${b}`), connections: 10 },
  ];
  try {
    await run(server.url, { ...loads[1]!, name: 'warm-up' });
    const rows: string[] = [];
    for (const load of loads) {
      const r = await run(server.url, load);
      rows.push(`| ${load.name} | ${load.rate ? `fixed ${load.rate}/s, ${load.connections} connections` : `${load.connections} connections`} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx + r.errors} |`);
      process.stderr.write(`${load.name}: done\n`);
    }
    console.log(`\n${ids.rings.length} rings, ${seconds} s per endpoint, Neo4j at ${db.settings.uri}\n`);
    console.log('| endpoint | load | req/s | p50 ms | p99 ms | errors |\n| --- | --- | ---: | ---: | ---: | ---: |');
    console.log(rows.join('\n'));
  } finally {
    await server.close();
    await db.close();
  }
}

(process.argv.includes('--serve') ? serve() : main()).catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
