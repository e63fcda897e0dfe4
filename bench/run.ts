/**
 * npm run bench -- [--sizes 20000,200000,1000000] [--json] [--work DIR] [--no-write] [--import-too]
 * npm run bench -- --live-day [--days N] [--no-rehearsal] [--json] [--no-write]
 * npm run bench -- --live-day-http [--days N] [--json] [--no-write]
 * npm run bench -- --gds-peer [--json] [--no-write]
 * npm run bench -- --write-ceiling [--json] [--no-write]
 * Generation time and peak RSS; load rate through POST /v1/ingest, the offline import
 * (npm run load -- --initial, on the local `import` instance) and the bulk loader;
 * analysis stages, RSS and Louvain throughput, for each size; with RINGSIGHT_GDS=1, the GDS
 * peer's stages and memory (bench/gdsPeer.ts), else a line saying why not. Uses the Neo4j in NEO4J_URI,
 * or else the project's `bench` instance (started if needed), and CLEARS it. Prints markdown
 * tables and writes them to bench/results.md (--json prints the figures as JSON instead).
 * The 1,000,000-borrower analysis needs a large heap; the npm script passes one.
 * After the 1,000,000-borrower size, the live day (bench/liveDay.ts): a day's slice of about
 * 1 % of the records ingested, timed to its alerts readable, on LIVE_DAYS days one after
 * another (`--days`). `--live-day` runs only
 * that, on the graph already in the database (not cleared), and replaces the live day's
 * section of bench/results.md, leaving the others as they were. `--gds-peer` likewise runs
 * only the GDS peer on the graph already loaded (a server with GDS: RINGSIGHT_GDS=1, or
 * NEO4J_URI), for sizes the bulk loader would take too long to load. `--write-ceiling`
 * measures only Neo4j's own write rate with the simplest statements (bench/writeCeiling.ts),
 * which the full run measures too, before its loads: the bound every loader's rate sits under.
 */
import { cpus, totalmem, tmpdir } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bulkLoadProgress, Progress } from '../src/cli/progress';
import { limitHeapGrowth } from '../src/analysis/analysisHeap';
import { loadConfig } from '../src/config';
import { GraphDatabase, resolveNeo4jSettings } from '../src/neo4j/graphDatabase';
import { INSTANCES } from '../src/neo4j/localServer';
import { countGraph } from '../src/neo4j/graphCounts';
import { measureAnalysis, type AnalysisFigures } from './analysis';
import { measureGeneration } from './generation';
import { measureInitialImport } from './importRate';
import { measureBulkLoad, measureHttpIngest, type LoadFigures } from './loadRate';
import { benchMarkdown, GDS_PEER_HEADING, gdsPeerMarkdown, LIVE_DAY_HEADING, liveDayMarkdown, writeCeilingMarkdown, type BenchFigures } from './report';
import { LIVE_DAYS, measureLiveDay } from './liveDay';
import { LIVE_DAY_OVER_HTTP_HEADING, liveDayOverHttpMarkdown, measureLiveDayOverHttp } from './liveDayOverHttp';
import { measureGdsPeer } from './gdsPeer';
import { measureWriteCeiling, WRITE_CEILING_HEADING } from './writeCeiling';
import { gdsAvailability } from '../src/gds/gdsAvailability';
import { openGdsPeer } from '../src/evaluation/gdsPeer';

/** POST /v1/ingest is measured at this size only: it is the small-batch way in. */
const HTTP_SIZE = 20_000;

/** The live day runs on the graph of this size, when it is among those measured. */
const LIVE_DAY_SIZE = 1_000_000;

const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * One section alone, measured on whatever graph the database holds (nothing is cleared):
 * printed, and put in place of the same section in results.md, leaving the others as they were.
 */
async function oneSection<F>(heading: string, json: boolean, noWrite: boolean, measure: (db: GraphDatabase) => Promise<F>, markdown: (figures: F) => string): Promise<void> {
  const db = new GraphDatabase(await resolveNeo4jSettings(loadConfig(), log, INSTANCES.bench));
  try {
    const figures = await measure(db);
    const section = markdown(figures);
    process.stdout.write((json ? JSON.stringify(figures, null, 2) : section) + '\n');
    if (noWrite) return;
    const file = join(__dirname, 'results.md');
    writeFileSync(file, withSection(existsSync(file) ? readFileSync(file, 'utf8') : '# ringsight benchmarks\n', heading, section));
  } finally {
    await db.close();
  }
}

const liveDay = (days: number, rehearse: boolean) => async (db: GraphDatabase) => {
  await db.applySchema();
  return measureLiveDay(db, log, days, rehearse);
};

const liveDayOverHttp = (days: number) => async (db: GraphDatabase) => {
  await db.applySchema();
  const graphBorrowers = (await countGraph(db)).nodes.Borrower ?? 0;
  if (graphBorrowers === 0) throw new Error('live day over HTTP: the graph holds no borrowers; load a scenario first');
  return { graphBorrowers, days: await measureLiveDayOverHttp(db, log, days) };
};

/** The GDS peer on the graph as loaded, e.g. by the offline importer at sizes the bulk loader would take too long for. */
async function gdsPeer(db: GraphDatabase) {
  const availability = await gdsAvailability(db);
  if (!availability.available) throw new Error(`${db.settings.uri} has no Graph Data Science (${availability.reason}); start it with RINGSIGHT_GDS=1 or point NEO4J_URI at a server that has it`);
  const borrowers = (await countGraph(db)).nodes.Borrower!;
  log(`bench: GDS peer on the ${borrowers.toLocaleString('en')} borrowers in ${db.settings.uri}`);
  return measureGdsPeer(db, borrowers, null);
}

/** The markdown with the section under `heading` replaced by `section`, or `section` appended. */
function withSection(markdown: string, heading: string, section: string): string {
  const lines = markdown.trimEnd().split('\n');
  const start = lines.findIndex((line) => line.startsWith(heading));
  if (start < 0) return `${lines.join('\n')}\n\n${section.trimEnd()}\n`;
  const after = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  const kept = [...lines.slice(0, start), ...(after < 0 ? [] : lines.slice(after))];
  return `${kept.join('\n').trimEnd()}\n\n${section.trimEnd()}\n`;
}

async function main(): Promise<void> {
  limitHeapGrowth();
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '20000,200000,1000000' },
      json: { type: 'boolean', default: false },
      work: { type: 'string', default: join(tmpdir(), 'ringsight-bench') },
      'no-write': { type: 'boolean', default: false },
      // With NEO4J_URI set, also measure the offline import on the local `import` instance.
      'import-too': { type: 'boolean', default: false },
      // Only the live day, on the graph already loaded; nothing is cleared.
      'live-day': { type: 'boolean', default: false },
      // The same, a day's slice sent over HTTP to a server started for it (bench/liveDayOverHttp.ts).
      'live-day-http': { type: 'boolean', default: false },
      // Days the live day measures, one after another.
      days: { type: 'string', default: String(LIVE_DAYS) },
      // The live day without the day a server rehearses before it (src/analysis/dayRehearsal.ts), to see what that gives.
      'no-rehearsal': { type: 'boolean', default: false },
      // Only the GDS peer, on the graph already loaded; nothing is cleared.
      'gds-peer': { type: 'boolean', default: false },
      // Only Neo4j's own write ceiling, on labels of its own that it removes; the graph is kept.
      'write-ceiling': { type: 'boolean', default: false },
    },
  });
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 30) throw new Error(`--days: expected a whole number of days from 1 to 30, got "${values.days}"`);
  if (values['live-day']) return oneSection(LIVE_DAY_HEADING, values.json, values['no-write'], liveDay(days, !values['no-rehearsal']), liveDayMarkdown);
  if (values['live-day-http']) return oneSection(LIVE_DAY_OVER_HTTP_HEADING, values.json, values['no-write'], liveDayOverHttp(days), (f) => liveDayOverHttpMarkdown(f.days, f.graphBorrowers));
  if (values['write-ceiling']) return oneSection(WRITE_CEILING_HEADING, values.json, values['no-write'], (db) => measureWriteCeiling(db, log), writeCeilingMarkdown);
  if (values['gds-peer']) return oneSection(GDS_PEER_HEADING, values.json, values['no-write'], gdsPeer, (figures) => gdsPeerMarkdown([figures]));
  const sizes = values.sizes.split(',').map(Number).sort((a, b) => a - b);
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) throw new Error(`--sizes: expected borrower counts such as 20000,200000, got "${values.sizes}"`);
  const figures: BenchFigures = {
    machine: `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    startedAt: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    generation: [],
    loads: [],
    imports: [],
    analyses: [],
    gdsPeer: [],
  };
  // Without NEO4J_URI: the project's `bench` instance, never the demo's `local` one, since the bench clears it.
  const db = new GraphDatabase(await resolveNeo4jSettings(loadConfig(), log, INSTANCES.bench));
  // The GDS peer runs where the scenario already is when that server has GDS; else on the
  // `gds` instance, loaded from the same folder.
  const peer = await openGdsPeer(log);
  const peerDb = 'db' in peer ? ((await gdsAvailability(db)).available ? db : peer.db) : null;
  if ('notRun' in peer) {
    figures.gdsPeerNotRun = peer.notRun.reason;
    log(`bench: ${peer.notRun.detector} not run: ${peer.notRun.reason}`);
  }
  try {
    await db.applySchema();
    log(`bench: sizes ${sizes.join(', ')} against ${db.settings.uri} (cleared before each load); scenarios in ${values.work}`);
    figures.writeCeiling = await measureWriteCeiling(db, log);
    for (const size of sizes) {
      const folder = join(values.work, `scenario-${size}`);
      const generating = new Progress(`generate ${size}`, 'borrowers');
      const generated = await measureGeneration(size, folder, (done) => generating.update(done, size));
      generating.stop();
      figures.generation.push(generated);
      log(`generated ${size} borrowers (${generated.records} records) in ${(generated.ms / 1000).toFixed(1)} s, peak RSS ${generated.maxRssMiB} MiB`);

      if (size === HTTP_SIZE) {
        const posting = new Progress('POST ingest');
        const http = await measureHttpIngest(db, size, folder, (done) => posting.update(done, generated.records));
        posting.stop();
        report(figures.loads, http);
      }
      // The offline import needs a local server it may stop; with NEO4J_URI it is not measured.
      if (!process.env.NEO4J_URI || values['import-too']) {
        const imported = await measureInitialImport(INSTANCES.import, size, folder, log);
        figures.imports.push(imported);
        log(`initial import, ${size} borrowers: ${imported.records} records in ${(imported.ms / 1000).toFixed(1)} s, ${imported.recordsPerSecond} records/s`);
      }
      const loading = bulkLoadProgress();
      const bulk = await measureBulkLoad(db, size, folder, loading.onProgress).finally(loading.stop);
      report(figures.loads, bulk);

      const analysing = new Progress(`analyse ${size}`, 'steps');
      let lastStage = '';
      const analysis = await measureAnalysis(db, size, (stage, done, total) => {
        if (stage !== lastStage) log(`  analysis ${size}: ${stage}`);
        lastStage = stage;
        if (total > 1) analysing.update(done, total);
      });
      analysing.stop();
      reportAnalysis(figures.analyses, analysis);

      if (peerDb) {
        log(`  GDS peer ${size}${peerDb === db ? '' : `: loading ${peerDb.settings.uri} first`}`);
        const gds = await measureGdsPeer(peerDb, size, peerDb === db ? null : folder);
        figures.gdsPeer.push(gds);
        log(`GDS peer, ${size} borrowers: ${(gds.stages.total / 1000).toFixed(1)} s, ${gds.rings} rings, graph ${gds.graphMiB === null ? 'size not measured by GDS' : `${gds.graphMiB} MiB`}, heap in use up to ${gds.heapUsedMaxMiB} MiB`);
      }
      // Last, as it adds its slices to the graph the GDS peer has already read.
      if (size === LIVE_DAY_SIZE) figures.liveDay = await measureLiveDay(db, log, days, !values['no-rehearsal']);
    }
  } finally {
    await db.close();
    if ('db' in peer) await peer.db.close();
  }
  const markdown = benchMarkdown(figures);
  if (values.json) process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
  else process.stdout.write(markdown + '\n');
  if (!values['no-write']) writeFileSync(join(__dirname, 'results.md'), markdown + '\n');
}

function report(into: LoadFigures[], figures: LoadFigures): void {
  into.push(figures);
  log(`${figures.way}, ${figures.borrowers} borrowers: ${figures.records} records in ${(figures.ms / 1000).toFixed(1)} s, ${figures.recordsPerSecond} records/s`);
}

function reportAnalysis(into: AnalysisFigures[], figures: AnalysisFigures): void {
  into.push(figures);
  log(`analysis of ${figures.borrowers} borrowers: ${((figures.stages.total ?? 0) / 1000).toFixed(1)} s, maxRSS ${figures.maxRssMiB} MiB, Louvain ${figures.louvainEdgesPerSecond} edges/s`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    log(`bench: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
