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
import type { AnalysisSummary } from '../analysis/runAnalysis';
import { limitHeapGrowth } from '../analysis/analysisHeap';
import { alertsOnRingsReplaced } from '../alerts/raiseAlerts';
import { Neo4jAlertStore } from '../neo4j/alertStore';
import { writeDailyScenario } from '../scenario/dailyScenario';
import { profileParams, SCENARIO_PROFILE_NAMES, type ScenarioProfile } from '../scenario/profiles';
import { analyzeWithProgress, printSummary } from './analyze';
import { replayMonth } from './monthReplay';
import { bulkLoadProgress, Progress } from './progress';
import { Neo4jIngestStore } from '../neo4j/ingestStore';

/**
 * npm run demo: the whole story on one machine. Starts the local Neo4j (unless NEO4J_URI
 * is set), generates the seeded case scenario, loads it, detects rings, writes them back,
 * serves the API (with a generated admin key unless API_KEYS is set), and prints the top
 * suspected gangs as the API returns them, the key, and where to look.
 * Flags: --borrowers N (20000), --seed S (1), --profile default|hard|field (default),
 * --no-serve (stop after the analysis), --days N: live operation instead, a month replayed
 * day by day (the scenario in daily slices, each day loaded, analysed, its alerts printed as
 * they appear), ending with how soon alerts named the planted gangs.
 */
async function main(): Promise<void> {
  limitHeapGrowth();
  const { values } = parseArgs({
    options: {
      borrowers: { type: 'string', default: '20000' },
      seed: { type: 'string', default: '1' },
      profile: { type: 'string', default: 'default' },
      days: { type: 'string' },
      'no-serve': { type: 'boolean', default: false },
    },
  });
  const borrowers = Number(values.borrowers);
  const seed = Number(values.seed);
  const days = values.days === undefined ? null : Number(values.days);
  if (!Number.isInteger(borrowers) || borrowers < 1 || !Number.isInteger(seed)) throw new Error('--borrowers and --seed take whole numbers');
  if (days !== null && (!Number.isInteger(days) || days < 1 || days > 180)) throw new Error('--days takes a whole number of days from 1 to 180');
  if (!(SCENARIO_PROFILE_NAMES as string[]).includes(values.profile)) throw new Error(`--profile is one of ${SCENARIO_PROFILE_NAMES.join(', ')}`);
  const profile = values.profile as ScenarioProfile;
  const config = loadConfig();

  step(`1/4 Neo4j`);
  const db = new GraphDatabase(await resolveNeo4jSettings(config));
  await db.applySchema();

  const topRing = days === null ? await wholeScenario(db, config.NEO4J_URI !== undefined, profile, borrowers, seed) : await liveMonth(db, config.NEO4J_URI !== undefined, profile, borrowers, seed, days);

  if (values['no-serve']) {
    printWhereToLook(db, topRing, null);
    await db.close();
    return;
  }
  step('Serving the investigator API');
  const server = await startServer(config, db, { demo: config.API_KEYS.length === 0, logger: pino({ level: 'warn' }) });
  const key = server.demoKey ?? '<one of your API_KEYS>';
  if (server.demoKey) await printTopRingsFromApi(server.url, server.demoKey);
  const viewLink = server.demoKey ? await ringViewLink(server.url, server.demoKey, topRing) : null;
  printWhereToLook(db, topRing, { url: server.url, key, viewLink });
  if (days !== null) console.log(`  Alerts, cases   curl -H "Authorization: Bearer ${key}" '${server.url}/v1/alerts?limit=20'  (and ${server.url}/v1/cases)`);
  const stop = () => void server.close().then(() => db.close()).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** The whole scenario loaded at once and analysed: the demo as it has always been. */
async function wholeScenario(db: GraphDatabase, given: boolean, profile: ScenarioProfile, borrowers: number, seed: number): Promise<string | undefined> {
  step(`2/4 Generating the case scenario: ${borrowers.toLocaleString('en')} borrowers, seed ${seed}${profile === 'default' ? '' : `, ${profile} profile`}`);
  const folder = join(PROJECT_ROOT, 'out', `scenario-${borrowers}-seed${seed}${profile === 'default' ? '' : `-${profile}`}`);
  const generating = new Progress('generating', 'borrowers');
  const { truth } = await writeScenario(profileParams(profile, borrowers, seed), folder, 'ndjson', (done) => generating.update(done, borrowers));
  generating.stop();
  console.log(`  wrote ${folder} (${truth.gangs.length} planted gangs, ground truth in truth.json)`);

  step('3/4 Loading it into Neo4j (idempotent: a second demo run changes nothing)');
  await emptyUnlessGiven(db, given);
  const progress = bulkLoadProgress();
  const loaded = await bulkLoad(new Neo4jIngestStore(db), folder, { onProgress: progress.onProgress }).finally(progress.stop);
  console.log(`  ${loaded.total.toLocaleString('en')} records, ${Math.round(loaded.total / Math.max(loaded.writeMs / 1000, 0.001)).toLocaleString('en')} records/s`);

  step('4/4 Detecting rings');
  const summary = await analyzeWithProgress(new Neo4jAnalysisStore(db), { options: { seed: 1 }, force: true }, alertsOnRingsReplaced(new Neo4jAlertStore(db)));
  printSummary(summary, db.settings.uri);
  return topRing(summary);
}

/** A month of live operation: the scenario in daily slices, each day loaded and analysed with its alerts. */
async function liveMonth(db: GraphDatabase, given: boolean, profile: ScenarioProfile, borrowers: number, seed: number, days: number): Promise<string | undefined> {
  step(`2/4 Generating a month of the case: ${borrowers.toLocaleString('en')} borrowers, seed ${seed}, ${profile} profile, ${days} daily slices`);
  const folder = join(PROJECT_ROOT, 'out', `month-${borrowers}-seed${seed}-${profile}-${days}d`);
  const generating = new Progress('generating', 'borrowers');
  const { truth, manifest } = await writeDailyScenario({ ...profileParams(profile, borrowers, seed), days }, folder, 'ndjson', (done) => generating.update(done, borrowers));
  generating.stop();
  console.log(`  wrote ${folder}: day-01/ … day-${String(days).padStart(2, '0')}/ (${truth.gangs.length} planted gangs, each starting its campaign within the month; truth.json)`);
  step('3/4 Starting from an empty database');
  await emptyUnlessGiven(db, given);
  step(`4/4 Replaying the month: each day loaded, analysed, and its alerts as they appear (● new gang, ▲ change, ↺ a judged ring changed)`);
  const last = await replayMonth(db, folder, manifest, truth);
  return topRing(last);
}

const topRing = (summary: AnalysisSummary): string | undefined => summary.topRings[0]?.id;

/** Scenarios of different sizes reuse borrower ids; mixing two would blur the story. */
async function emptyUnlessGiven(db: GraphDatabase, given: boolean): Promise<void> {
  if (given) {
    console.log(`  loading into ${db.settings.uri} as given by NEO4J_URI, next to whatever it holds`);
    return;
  }
  console.log('  clearing the local demo database first');
  await clearGraph(db);
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
