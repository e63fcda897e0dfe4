import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import pino from 'pino';
import { startServer } from '../http/server';
import { bulkLoad } from '../ingest/bulkLoad';
import { Neo4jAnalysisStore } from '../neo4j/analysisStore';
import { GraphDatabase, resolveNeo4jSettings } from '../neo4j/graphDatabase';
import { clearGraph } from '../neo4j/clearGraph';
import { PROJECT_ROOT } from '../neo4j/localServer';
import { writeScenario } from '../scenario/writeScenario';
import { analyzeWithProgress, printSummary } from './analyze';
import { bulkLoadProgress, Progress } from './progress';
import { Neo4jIngestStore } from '../neo4j/ingestStore';

/**
 * npm run demo: the whole story on one machine. Starts the local Neo4j (unless NEO4J_URI
 * is set), generates the seeded case scenario, loads it, detects rings, writes them back,
 * serves the API (with a generated admin key unless API_KEYS is set), and prints the top
 * suspected gangs as the API returns them, the key, and where to look.
 * Flags: --borrowers N (20000), --seed S (1), --no-serve (stop after the analysis).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { borrowers: { type: 'string', default: '20000' }, seed: { type: 'string', default: '1' }, 'no-serve': { type: 'boolean', default: false } },
  });
  const borrowers = Number(values.borrowers);
  const seed = Number(values.seed);
  if (!Number.isInteger(borrowers) || borrowers < 1 || !Number.isInteger(seed)) throw new Error('--borrowers and --seed take whole numbers');
  const config = loadConfig();

  step(`1/4 Neo4j`);
  const db = new GraphDatabase(await resolveNeo4jSettings(config));
  await db.applySchema();

  step(`2/4 Generating the case scenario: ${borrowers.toLocaleString('en')} borrowers, seed ${seed}`);
  const folder = join(PROJECT_ROOT, 'out', `scenario-${borrowers}-seed${seed}`);
  const generating = new Progress('generating', 'borrowers');
  const { truth } = await writeScenario({ borrowers, seed }, folder, 'ndjson', (done) => generating.update(done, borrowers));
  generating.stop();
  console.log(`  wrote ${folder} (${truth.gangs.length} planted gangs, ground truth in truth.json)`);

  step('3/4 Loading it into Neo4j (idempotent: a second demo run changes nothing)');
  if (config.NEO4J_URI) {
    console.log(`  loading into ${db.settings.uri} as given by NEO4J_URI, next to whatever it holds`);
  } else {
    // Scenarios of different sizes reuse borrower ids; mixing two would blur the story.
    console.log('  clearing the local demo database first');
    await clearGraph(db);
  }
  const progress = bulkLoadProgress();
  const loaded = await bulkLoad(new Neo4jIngestStore(db), folder, { onProgress: progress.onProgress }).finally(progress.stop);
  console.log(`  ${loaded.total.toLocaleString('en')} records, ${Math.round(loaded.total / Math.max(loaded.writeMs / 1000, 0.001)).toLocaleString('en')} records/s`);

  step('4/4 Detecting rings');
  const summary = await analyzeWithProgress(new Neo4jAnalysisStore(db), { options: { seed: 1 }, force: true });
  printSummary(summary, db.settings.uri);

  if (values['no-serve']) {
    printWhereToLook(db, summary.topRings[0]?.id, null);
    await db.close();
    return;
  }
  step('Serving the investigator API');
  const server = await startServer(config, db, { demo: config.API_KEYS.length === 0, logger: pino({ level: 'warn' }) });
  const key = server.demoKey ?? '<one of your API_KEYS>';
  if (server.demoKey) await printTopRingsFromApi(server.url, server.demoKey);
  const viewLink = server.demoKey ? await ringViewLink(server.url, server.demoKey, summary.topRings[0]?.id) : null;
  printWhereToLook(db, summary.topRings[0]?.id, { url: server.url, key, viewLink });
  const stop = () => void server.close().then(() => db.close()).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** The top gangs as an investigator sees them: through the API, with the demo key. */
async function printTopRingsFromApi(url: string, key: string): Promise<void> {
  const response = await fetch(`${url}/v1/rings?limit=5`, { headers: { authorization: `Bearer ${key}` } });
  const body = (await response.json()) as { rings: { id: string; score: number; size: number; topSignals: string[] }[] };
  console.log(`  GET /v1/rings?limit=5 answered ${response.status}:`);
  for (const r of body.rings) console.log(`    ${r.id}  score ${r.score.toFixed(2)}  ${String(r.size).padStart(3)} members  ${r.topSignals.join(', ')}`);
}

/**
 * A single-use link to the top ring's view, asked of the API like any key holder would:
 * the browser trades it for a session, so the key itself never goes into a URL.
 */
async function ringViewLink(url: string, key: string, ringId: string | undefined): Promise<{ url: string; expiresAt: string } | null> {
  const response = await fetch(`${url}/v1/view-links`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(ringId ? { ringId } : {}) });
  return response.status === 201 ? ((await response.json()) as { url: string; expiresAt: string }) : null;
}

function printWhereToLook(db: GraphDatabase, ringId: string | undefined, api: { url: string; key: string; viewLink?: { url: string; expiresAt: string } | null } | null): void {
  const ring = ringId ?? 'ring-…';
  const local = !db.settings.uri.includes('127.0.0.1:7687') ? null : 'http://localhost:7474/browser/';
  console.log('\nWhere to look:');
  if (api) {
    if (api.viewLink) {
      console.log(`  Ring view      ${api.viewLink.url}`);
      console.log(`                 (open in a browser: the top ring as a graph; the link works once, until ${api.viewLink.expiresAt.slice(11, 16)} UTC;`);
      console.log(`                 afterwards sign in at ${api.url}/view/sign-in with the key, or ask for a new link: POST /v1/view-links)`);
    } else {
      console.log(`  Ring view      ${api.url}/view/sign-in  (sign in with your key; then ${api.url}/v1/rings/${ring}/view)`);
    }
    console.log(`  API            ${api.url}/docs  (OpenAPI: ${api.url}/openapi.json)`);
    console.log(`                 curl -H "Authorization: Bearer ${api.key}" ${api.url}/v1/rings/${ring}`);
    console.log(`                 curl -H "Authorization: Bearer ${api.key}" '${api.url}/v1/rings/${ring}/evidence?format=html' > pack.html  (printable evidence pack)`);
  }
  console.log(`  Neo4j Browser  ${local ?? '(your Neo4j Browser)'}${local ? `  (user ${db.settings.user}, password ${db.settings.password})` : ''}`);
  if (local) console.log('                 the ringsight guide opens on connecting, with the ringsight style: follow it from the top rings');
  else console.log(`                 :guide ${api ? api.url : 'http://<ringsight API>'}/neo4j-browser/guide.html  (see the README: Neo4j Browser)`);
  console.log('  Terminal       npm run query -- topRings');
  console.log(`                 npm run query -- ringActivity ringId=${ring}`);
  if (api) console.log('\nServing until Ctrl-C.');
}

const step = (text: string) => console.log(`\n== ${text}`);

main().catch((error: Error) => {
  console.error(`demo: ${error.message}`);
  process.exit(1);
});
