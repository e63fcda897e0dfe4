import { loadConfig } from '../config';
import { runAnalysis, type AnalysisSummary } from '../analysis/runAnalysis';
import { GraphDatabase, resolveNeo4jSettings } from '../neo4j/graphDatabase';
import { Progress } from './progress';

/** npm run analyze [-- --seed N --resolution R]: detects rings in the graph and writes them back. */
async function main(): Promise<void> {
  const options = parseFlags(process.argv.slice(2));
  const db = new GraphDatabase(await resolveNeo4jSettings(loadConfig()));
  try {
    await db.applySchema();
    const summary = await analyzeWithProgress(db, options);
    printSummary(summary, db.settings.uri);
  } finally {
    await db.close();
  }
}

export async function analyzeWithProgress(db: GraphDatabase, options: Record<string, number>): Promise<AnalysisSummary> {
  let bar: Progress | null = null;
  let label = '';
  return runAnalysis(db, options, (p) => {
    if (p.stage === 'done' || p.step === 'done') return;
    const next = p.stage === 'detecting' ? `${p.step}` : p.stage;
    if (next !== label) {
      bar?.stop();
      label = next;
      bar = new Progress(label, p.stage === 'reading' ? 'records' : 'items');
    }
    bar?.update(p.done, p.stage === 'reading' || !p.total ? null : p.total);
  }).finally(() => bar?.stop());
}

export function printSummary(s: AnalysisSummary, where: string): void {
  const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`\nAnalysis ${s.runId} written to ${where}`);
  console.log(`  ${s.stats.borrowers.toLocaleString('en')} borrowers, ${s.stats.links.toLocaleString('en')} identifier links, ${s.hubs.toLocaleString('en')} hubs set aside`);
  console.log(`  graph ${s.stats.graphNodes.toLocaleString('en')} nodes / ${s.stats.graphEdges.toLocaleString('en')} edges, modularity ${s.stats.modularity.toFixed(3)}`);
  console.log(`  ${s.stats.communities.toLocaleString('en')} candidate rings, ${s.suspected.toLocaleString('en')} suspected`);
  console.log(`  read ${sec(s.timings.read)}, detect ${sec(s.timings.detect)}, write ${sec(s.timings.write)}, total ${sec(s.timings.total)}`);
  if (s.topRings.length > 0) {
    console.log('\n  top suspected rings:');
    console.log('    ring                          score  size  strongest signals');
    for (const r of s.topRings) console.log(`    ${r.id.padEnd(28)}  ${r.score.toFixed(2)}  ${String(r.size).padStart(4)}  ${r.topSignals.join(', ')}`);
  }
}

function parseFlags(argv: string[]): Record<string, number> {
  const options: Record<string, number> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    const value = Number(argv[i + 1]);
    if (!flag.startsWith('--') || Number.isNaN(value)) throw new Error(`expected --option <number>, got "${flag} ${argv[i + 1] ?? ''}"`);
    options[flag.slice(2)] = value;
  }
  return options;
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`analyze: ${error.message}`);
    process.exit(1);
  });
}
