import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { replayRequest, runAnalysis, type AnalysisRequest, type AnalysisSummary } from '../analysis/runAnalysis';
import type { AnalysisStore, RingsReplacedListener } from '../analysis/ports';
import { limitHeapGrowth } from '../analysis/analysisHeap';
import { alertsOnRingsReplaced } from '../alerts/raiseAlerts';
import { ALERT_DEFAULTS } from '../alerts/riskEvents';
import { Neo4jAlertStore } from '../neo4j/alertStore';
import { Neo4jAnalysisStore } from '../neo4j/analysisStore';
import { GraphDatabase, resolveNeo4jSettings } from '../neo4j/graphDatabase';
import { Progress } from './progress';

/**
 * npm run analyze [-- --seed N --resolution R ...] [--force] [--full] [--batch B] [--workers W] | [-- --replay <runId>]
 * Detects rings in the graph and writes them back, examining only the components changed
 * since the last run when it can (--full examines every one; the rings are the same);
 * --replay runs again with a stored run's options (same data, same rings). --batch sets
 * how many borrowers are read and detected at once (memory, not results); --workers how
 * many batches at once, on worker threads (time and memory, not results).
 */
async function main(): Promise<void> {
  limitHeapGrowth();
  const { values } = parseArgs({ options: { replay: { type: 'string' }, force: { type: 'boolean' }, full: { type: 'boolean' }, batch: { type: 'string' }, workers: { type: 'string' } }, strict: false, allowPositionals: false });
  const config = loadConfig();
  const db = new GraphDatabase(await resolveNeo4jSettings(config));
  try {
    await db.applySchema();
    const store = new Neo4jAnalysisStore(db, (error) => console.error(`Not all the rings this run replaced were deleted (the next run deletes the rest): ${error.message}`));
    // Alerts and cases from this run's rings, as the server raises them (due for a webhook when one is configured).
    const alerts = alertsOnRingsReplaced(new Neo4jAlertStore(db, config.WEBHOOK_URL !== undefined), { ...ALERT_DEFAULTS, growthMembers: config.ALERT_GROWTH_MEMBERS }, (error) =>
      console.error(`alerts of this run were not raised (the next run catches up): ${error.message}`),
    );
    const request: AnalysisRequest = typeof values.replay === 'string'
      ? await replayRequest(store, values.replay)
      : { options: numericOptions(process.argv.slice(2)), force: values.force === true };
    if (typeof values.batch === 'string') request.batchBorrowers = wholeNumber('--batch', values.batch, 'borrowers');
    if (typeof values.workers === 'string') request.workers = wholeNumber('--workers', values.workers, 'worker threads');
    if (values.full === true) request.full = true;
    if (request.replayOf) console.log(`Replaying ${request.replayOf} with its stored options`);
    const started = performance.now();
    const summary = await analyzeWithProgress(store, request, alerts);
    printSummary(summary, db.settings.uri, performance.now() - started);
  } finally {
    await db.close();
  }
}

export async function analyzeWithProgress(store: AnalysisStore, request: AnalysisRequest = {}, onRingsReplaced?: RingsReplacedListener): Promise<AnalysisSummary> {
  let bar: Progress | null = null;
  let label = '';
  return runAnalysis(store, request, (p) => {
    if (p.stage === 'done' || p.step === 'done') return;
    const next = p.step ?? p.stage;
    if (next !== label) {
      bar?.stop();
      label = next;
      bar = new Progress(label, p.step === 'batches' ? 'batches' : 'steps');
    }
    bar?.update(p.done, p.total || null);
  }, undefined, onRingsReplaced).finally(() => bar?.stop());
}

/** `wallMs`: the run from its start until it returned, with what follows its commit (the replaced rings deleted, alerts raised). */
export function printSummary(s: AnalysisSummary, where: string, wallMs?: number): void {
  const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`\nAnalysis ${s.runId} written to ${where}`);
  const scope = s.scope;
  console.log(
    scope.mode === 'full'
      ? `  examined all ${scope.components.toLocaleString('en')} components (${scope.reason})`
      : `  examined ${scope.analysedComponents.toLocaleString('en')} of ${scope.components.toLocaleString('en')} components, changed since the last run (${(scope.touchedBorrowers ?? 0).toLocaleString('en')} borrowers with new records); ${scope.keptRings.toLocaleString('en')} rings stand unchanged`,
  );
  console.log(`  ${s.stats.borrowers.toLocaleString('en')} borrowers, ${s.stats.links.toLocaleString('en')} identifier links of the borrowers in shared components, ${s.hubs.toLocaleString('en')} hubs set aside`);
  console.log(`  ${s.stats.recruitmentCampaigns.toLocaleString('en')} recruitment campaigns (near-duplicate complaints through one small ad source)`);
  console.log(`  graph ${s.stats.graphNodes.toLocaleString('en')} nodes / ${s.stats.graphEdges.toLocaleString('en')} edges, modularity ${s.stats.modularity.toFixed(3)}`);
  // An incremental run detects only in the components it re-examined; the rings that stand come on top.
  const found = `${s.stats.communities.toLocaleString('en')} candidate rings, ${s.stats.campaigns.toLocaleString('en')} complaint campaigns`;
  console.log(scope.mode === 'full' ? `  ${found}, ${s.suspected.toLocaleString('en')} suspected gangs` : `  in the re-examined components: ${found}; with the ${scope.keptRings.toLocaleString('en')} rings that stand, ${s.suspected.toLocaleString('en')} suspected gangs`);
  if (scope.mode === 'full') console.log(`  ${(s.written - s.suspected).toLocaleString('en')} shared-operator clusters (one person handling several identities, no campaign) listed apart`);
  else console.log(`  ${s.written.toLocaleString('en')} rings written for the re-examined components`);
  console.log(`  read ${sec(s.timings.read)}, detect ${sec(s.timings.detect)}, write ${sec(s.timings.write)}, total ${sec(s.timings.total)}; peak memory ${peakRssMiB()} MiB`);
  if (wallMs !== undefined) console.log(`  ${sec(wallMs)} until the run returned, with the rings it replaced deleted and its alerts raised after its commit`);
  if (s.topRings.length > 0) {
    console.log('\n  top suspected rings:');
    console.log('    ring                          score  size  strongest signals');
    for (const r of s.topRings) console.log(`    ${r.id.padEnd(28)}  ${r.score.toFixed(2)}  ${String(r.size).padStart(4)}  ${r.topSignals.join(', ')}`);
  }
}

/** The most memory this process has held so far (its peak resident set). */
const peakRssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);

function wholeNumber(flag: string, text: string, of: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a whole number of ${of}, at least 1, got "${text}"`);
  return n;
}

/** `--name value` pairs with numeric values become detection options (`--resolution 0.6`). */
function numericOptions(argv: string[]): Record<string, number> {
  const options: Record<string, number> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--force' || flag === '--full') continue;
    if (flag === '--batch' || flag === '--workers') {
      i++;
      continue;
    }
    const value = Number(argv[i + 1]);
    if (!flag.startsWith('--') || Number.isNaN(value)) throw new Error(`expected --option <number>, got "${flag} ${argv[i + 1] ?? ''}"`);
    options[flag.slice(2)] = value;
    i++;
  }
  return options;
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`analyze: ${error.message}`);
    process.exit(1);
  });
}
