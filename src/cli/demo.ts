import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { createApp } from '../http/app';
import { bulkLoad } from '../ingest/bulkLoad';
import { GraphDatabase, resolveNeo4jSettings } from '../neo4j/graphDatabase';
import { clearGraph } from '../neo4j/clearGraph';
import { PROJECT_ROOT } from '../neo4j/localServer';
import { writeScenario } from '../scenario/writeScenario';
import { analyzeWithProgress, printSummary } from './analyze';
import { Progress } from './progress';

/**
 * npm run demo: the whole story on one machine. Starts the local Neo4j (unless NEO4J_URI
 * is set), generates the seeded case scenario, loads it, detects rings, writes them back,
 * prints the top suspected gangs and where to look, then serves the API.
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
  const bars = { validating: new Progress('validating'), writing: new Progress('writing') };
  const loaded = await bulkLoad(db, folder, {
    onProgress: (phase, done, total) => {
      if (phase === 'writing') bars.validating.stop();
      bars[phase].update(done, total);
    },
  });
  bars.writing.stop();
  console.log(`  ${loaded.total.toLocaleString('en')} records, ${Math.round(loaded.total / Math.max(loaded.writeMs / 1000, 0.001)).toLocaleString('en')} records/s`);

  step('4/4 Detecting rings');
  const summary = await analyzeWithProgress(db, { seed: 1 });
  printSummary(summary, db.settings.uri);

  const browser = db.settings.uri.includes('127.0.0.1:7687') ? 'http://localhost:7474/browser/' : '(your Neo4j Browser)';
  console.log(`\nWhere to look:
  Neo4j Browser  ${browser}  (user ${db.settings.user}, password ${db.settings.uri.includes('127.0.0.1') ? db.settings.password : '***'})
                 paste cypher/queries/topRings.cypher, then :param ringId => '${summary.topRings[0]?.id ?? 'ring-…'}'
                 and cypher/queries/ringMembersAndTools.cypher to see a ring as a graph
  Terminal       npm run query -- topRings
                 npm run query -- ringMembersAndTools ringId=${summary.topRings[0]?.id ?? 'ring-…'}`);

  if (values['no-serve']) {
    await db.close();
    return;
  }
  const server = createApp({ db }).listen(config.PORT, () => {
    console.log(`  HTTP API       http://localhost:${config.PORT}/v1/ingest, /v1/analysis  (Ctrl-C to stop)`);
  });
  const stop = () => server.close(() => void db.close().then(() => process.exit(0)));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const step = (text: string) => console.log(`\n== ${text}`);

main().catch((error: Error) => {
  console.error(`demo: ${error.message}`);
  process.exit(1);
});
