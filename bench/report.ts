/** The figures of one bench run as markdown tables, one per section. */
import type { AnalysisFigures } from './analysis';
import type { GdsPeerFigures } from './gdsPeer';
import type { GenerationFigures } from './generation';
import type { ImportFigures } from './importRate';
import type { LoadFigures } from './loadRate';
import { LIVE_DAY_TARGET_SECONDS, type LiveDayFigures } from './liveDay';
import { compilationCell } from './planCompilation';
import { bestRates, BULK_LOAD_TARGET_RECORDS_PER_SECOND, WRITE_CEILING_HEADING, type WriteCeilingFigures } from './writeCeiling';
import { WRITE_CHUNK } from '../src/neo4j/ingestWriter';

export interface BenchFigures {
  machine: string;
  startedAt: string;
  generation: GenerationFigures[];
  loads: LoadFigures[];
  imports: ImportFigures[];
  analyses: AnalysisFigures[];
  /** The GDS peer at each size, or why it was not run. */
  gdsPeer: GdsPeerFigures[];
  gdsPeerNotRun?: string;
  /** A day's slice ingested on the largest graph, to alerts readable (bench/liveDay.ts). */
  liveDay?: LiveDayFigures;
  /** Neo4j's own write rate with the simplest statements, the bound of every loader (bench/writeCeiling.ts). */
  writeCeiling?: WriteCeilingFigures;
}

const n = (value: number) => value.toLocaleString('en-US');
const s = (ms: number) => (ms / 1000).toFixed(1);

function table(header: string[], rows: (string | number)[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** The targets analyses are read against, by size; reported, never asserted. */
export const ANALYSIS_TARGETS: { borrowers: number; seconds: number; rssGiB: number | null }[] = [
  { borrowers: 1_000_000, seconds: 30, rssGiB: null },
  { borrowers: 5_000_000, seconds: 150, rssGiB: 2 },
];

export function benchMarkdown(f: BenchFigures): string {
  const out: string[] = [`# ringsight benchmarks`, '', `${f.startedAt} on ${f.machine}. Produced by \`npm run bench\`.`, ''];
  if (f.generation.length > 0) {
    out.push('## Scenario generation', '');
    out.push(table(['borrowers', 'records', 'time (s)', 'records/s', 'peak RSS (MiB)'], f.generation.map((g) => [n(g.borrowers), n(g.records), s(g.ms), n(Math.round(g.records / (g.ms / 1000))), n(g.maxRssMiB)])));
    out.push('');
  }
  if (f.loads.length > 0) {
    out.push('## Load rate (each into a cleared database)', '');
    out.push(table(['way in', 'borrowers', 'records', 'time (s)', 'records/s (end to end)', 'records/s (write pass)'], f.loads.map((l) => [l.way, n(l.borrowers), n(l.records), s(l.ms), n(l.recordsPerSecond), l.writeRecordsPerSecond ? n(l.writeRecordsPerSecond) : '–'])));
    const bulk = f.loads.filter((l) => l.perKind);
    if (bulk.length > 0) {
      const kinds = [...new Set(bulk.flatMap((l) => Object.keys(l.perKind!)))];
      out.push('', 'Bulk loader write rate per kind (records/s):', '');
      out.push(table(['scenario (borrowers)', ...kinds], bulk.map((l) => [n(l.borrowers), ...kinds.map((k) => (l.perKind![k as keyof typeof l.perKind] ? n(l.perKind![k as keyof typeof l.perKind]!) : '–'))])));
    }
    out.push('');
  }
  if (f.writeCeiling) out.push(writeCeilingMarkdown(f.writeCeiling));
  if (f.imports.length > 0) {
    const steps = Object.keys(f.imports[0]!.msByStep) as (keyof ImportFigures['msByStep'])[];
    out.push('## First load at import speed (`npm run load -- --initial`, into the cleared `import` instance)', '');
    out.push(
      table(
        ['borrowers', 'records', 'time (s)', 'records/s (end to end)', ...steps.map((step) => `${step} (s)`)],
        f.imports.map((i) => [n(i.borrowers), n(i.records), s(i.ms), n(i.recordsPerSecond), ...steps.map((step) => s(i.msByStep[step]))]),
      ),
    );
    out.push('');
  }
  if (f.analyses.length > 0) {
    const stages = [...new Set(f.analyses.flatMap((a) => Object.keys(a.stages)))];
    out.push('## Analysis (in process: read from Neo4j → detection core stages → write-back), ms', '');
    out.push(table(['stage', ...f.analyses.map((a) => n(a.borrowers))], [
      ...stages.map((stage) => [stage, ...f.analyses.map((a) => (a.stages[stage] === undefined ? '–' : n(a.stages[stage]!)))]),
      ['graph nodes / edges', ...f.analyses.map((a) => `${n(a.graphNodes)} / ${n(a.graphEdges)}`)],
      ['Louvain edges/s', ...f.analyses.map((a) => n(a.louvainEdgesPerSecond))],
      ['communities / suspected', ...f.analyses.map((a) => `${n(a.communities)} / ${n(a.suspected)}`)],
      ['RSS sampled max (MiB)', ...f.analyses.map((a) => n(a.sampledRssMiB))],
      ['process maxRSS (MiB)', ...f.analyses.map((a) => n(a.maxRssMiB))],
    ]));
    for (const target of ANALYSIS_TARGETS) {
      const analysis = f.analyses.find((a) => a.borrowers === target.borrowers);
      if (analysis) out.push('', againstTarget(analysis, target));
    }
    out.push('');
  }
  if (f.gdsPeerNotRun) out.push(GDS_PEER_HEADING, '', `Not run: ${f.gdsPeerNotRun}.`, '');
  if (f.gdsPeer.length > 0) out.push(gdsPeerMarkdown(f.gdsPeer));
  if (f.liveDay) out.push(liveDayMarkdown(f.liveDay));
  return out.join('\n');
}

/** An analysis's total and its own sampled peak RSS beside the target for its size. */
function againstTarget(a: AnalysisFigures, target: (typeof ANALYSIS_TARGETS)[number]): string {
  const seconds = a.stages.total! / 1000;
  const gib = a.sampledRssMiB / 1024;
  const memory = target.rssGiB === null ? '' : ` and ${target.rssGiB} GiB`;
  const rss = target.rssGiB === null ? '' : ` (${gib <= target.rssGiB ? 'within' : 'over'})`;
  return `Target for ${n(target.borrowers)} borrowers: ${target.seconds} s${memory}. Measured: ${seconds.toFixed(1)} s (${seconds <= target.seconds ? 'within' : 'over'}), ${gib.toFixed(2)} GiB peak RSS during the analysis${rss}.`;
}

export const GDS_PEER_HEADING = '## GDS peer';

/** The GDS peer's stages and memory at each size measured. */
export function gdsPeerMarkdown(peer: GdsPeerFigures[]): string {
  const out: string[] = [];
  const stages = Object.keys(peer[0]!.stages) as (keyof GdsPeerFigures['stages'])[];
  out.push(`${GDS_PEER_HEADING} (WCC, Node Similarity, Louvain in Graph Data Science), ms`, '');
  out.push(table(['stage', ...peer.map((g) => n(g.borrowers))], [
    ['load (bulk loader, not in total)', ...peer.map((g) => (g.loadMs > 0 ? n(g.loadMs) : 'none: run where the scenario already was'))],
    ...stages.map((stage) => [stage, ...peer.map((g) => n(g.stages[stage]))]),
    ['projected nodes / relationships', ...peer.map((g) => `${n(g.graphNodes)} / ${n(g.graphRelationships)}`)],
    ['WCC components / SIMILAR relationships', ...peer.map((g) => `${n(g.components)} / ${n(g.similarities)}`)],
    ['rings', ...peer.map((g) => n(g.rings))],
    ['projected graph (MiB, as GDS sizes it)', ...peer.map((g) => (g.graphMiB === null ? 'not measured by GDS on this JVM' : g.graphMiB.toFixed(1)))],
    ['server heap in use, sampled max / heap max (MiB)', ...peer.map((g) => `${n(g.heapUsedMaxMiB)} / ${n(g.heapMaxMiB)}`)],
    ['server RSS sampled max (MiB)', ...peer.map((g) => (g.serverRssMaxMiB === null ? '–' : n(g.serverRssMaxMiB)))],
  ]));
  out.push('');
  return out.join('\n');
}

export const LIVE_DAY_HEADING = '## Live day';

/** The live day's section: each slice's stages beside the full analysis's time. */
export function liveDayMarkdown(f: LiveDayFigures): string {
  const out: string[] = [`${LIVE_DAY_HEADING} (a day's slice of about 1 % of the records on the ${n(f.borrowers)}-borrower graph, ingest to alerts readable), ms`, ''];
  const full = f.full.how === 'measured' ? `full analysis with alerts, run here (${f.full.runId})` : `full analysis as recorded by run ${f.full.runId}`;
  // With the full analysis recorded, the bench's first run was the one a server starts with: nothing new, the plan's inputs read whole.
  const first = f.firstRun ? ` This process's first run (${f.firstRun.runId}), as a server's after it starts, found nothing new and read the plan's inputs whole: ${n(f.firstRun.ms)} ms.` : '';
  const rehearsed = rehearsalSentence(f.rehearsal);
  const col = (get: (s: LiveDayFigures['slices'][number]) => string | number) => f.slices.map((s) => (typeof get(s) === 'number' ? n(get(s) as number) : get(s)));
  out.push(
    table(['stage', ...f.slices.map((s, i) => `day ${i + 1} (${s.prefix}*)`)], [
      ['records (borrowers) / batches of 5,000, in lanes', ...col((s) => `${n(s.records)} (${n(s.borrowers)}) / ${s.batches}, ${s.lanes}`)],
      ['ingest (ingestBatch, as POST /v1/ingest)', ...col((s) => s.stages.ingest)],
      ['… by kind', ...col((s) => Object.entries(s.stages.ingestByKind).map(([kind, ms]) => `${kind} ${n(ms!)}`).join(', '))],
      ['plan (run recorded, plan inputs, components, scope)', ...col((s) => s.stages.plan)],
      ["… of which plan inputs read (the last run's brought up to date, or whole)", ...col((s) => `${n(s.stages.planRead)} (${s.planInputs})`)],
      ['… of which last rings, last plan, stamps read', ...col((s) => s.stages.scopeRead)],
      ['components re-examined / of / rings kept', ...col((s) => `${n(s.scope.analysedComponents)} / ${n(s.scope.components)} / ${n(s.scope.keptRings)} (${s.scope.mode})`)],
      ['borrowers re-examined (touched)', ...col((s) => `${n(s.reexaminedBorrowers)} (${s.scope.touchedBorrowers === null ? '–' : n(s.scope.touchedBorrowers)})`)],
      ['detect (read and detect the components)', ...col((s) => s.stages.detect)],
      ['… of which records read', ...col((s) => s.stages.detectRead)],
      ['write (rings, run, plan)', ...col((s) => s.stages.write)],
      ['alerts (raised, cases, snapshots)', ...col((s) => s.stages.alerts)],
      ['first GET /v1/alerts?since=', ...col((s) => s.stages.firstRead)],
      ['**ingest to alerts readable**', ...col((s) => `**${n(s.stages.total)}**`)],
      ['last batch sent to alerts readable', ...col((s) => s.stages.lastBatchToAlerts)],
      ['rings written / suspected standing / alerts raised', ...col((s) => `${n(s.ringsWritten)} / ${n(s.suspected)} / ${n(s.alertsRaised)}`)],
      ['load average (1 min) before / after', ...col((s) => `${s.loadBefore.toFixed(2)} / ${s.loadAfter.toFixed(2)}`)],
      ["Neo4j's plan compilation, ms summed over statements / plans made", ...col((s) => compilationCell(s.compilation))],
    ]),
  );
  out.push(
    '',
    `Beside it, the ${full}: ${n(f.full.ms)} ms${f.full.alertsMs === null ? '' : `, and ${n(f.full.alertsMs)} ms for its alerts`}.${rehearsed}${first} ` +
      `Target for a day's slice: ${LIVE_DAY_TARGET_SECONDS} s from ingest to alerts readable; ${daysAgainstTarget(f.slices.map((s) => s.stages.total), f.firstRun ? "the process's first run" : f.rehearsal ? 'a rehearsal' : 'the full analysis')}. ` +
      `Load averages (1, 5, 15 min) at the start: ${f.loadStart.join(', ')}; at the end: ${f.loadEnd.join(', ')}. Each slice stays in the graph. ` +
      compilationSentence(f),
    '',
  );
  return out.join('\n');
}

/** The day rehearsed before the first (dayRehearsal.ts), in words. */
export function rehearsalSentence(rehearsal: LiveDayFigures['rehearsal']): string {
  if (!rehearsal) return ' No day was rehearsed before the first.';
  const { analysis } = rehearsal;
  const ran =
    'skipped' in analysis
      ? `its analysis not rehearsed (${analysis.skipped})`
      : `its analysis over ${n(analysis.touched)} borrowers ${n(analysis.ms)} ms${analysis.planInputsKept ? ", the plan's inputs it read whole kept for day 1" : ''}`;
  return ` Before day 1 a day was rehearsed, as a server does when it starts and after a run that examined every component, every write rolled back: ${n(rehearsal.ms)} ms, ${rehearsal.batches} batches ingested, ${ran}.`;
}

/** What the compilation row means, or why it is empty. */
export function compilationSentence(f: Pick<LiveDayFigures, 'compilationUnavailable'>): string {
  if (f.compilationUnavailable) return `Plan compilation was not measured: ${f.compilationUnavailable}.`;
  return (
    "Plan compilation is Neo4j's, from its query collector: it caches a statement's plan per text and per parameter types " +
    '(a list by its size rounded up to a power of ten, unless the server sets internal.cypher.use_parameter_size=false as the local Neo4j does), ' +
    'so a day makes the plans its statements have not had on this database yet.'
  );
}

/**
 * How a series of days (ms from ingest to alerts readable, in order) stands against the
 * target, in words. `firstAfter`: the run day 1 came right after.
 */
export function daysAgainstTarget(totals: readonly number[], firstAfter = 'the full analysis'): string {
  const seconds = totals.map((ms) => ms / 1000);
  const within = seconds.filter((s) => s <= LIVE_DAY_TARGET_SECONDS).length;
  const sorted = [...seconds].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const s1 = (x: number) => `${x.toFixed(1)} s`;
  if (seconds.length === 1) return `measured ${s1(seconds[0]!)} (${within ? 'within' : 'over'})`;
  const later = seconds.slice(1);
  return (
    `within on ${within} of ${seconds.length} days (median ${s1(median)}, ${s1(sorted[0]!)} to ${s1(sorted.at(-1)!)}); ` +
    `day 1, the first after ${firstAfter}, ${s1(seconds[0]!)}, the days after it ${later.map(s1).join(', ')}`
  );
}

/**
 * The write ceiling's section: the best rate of each statement with each number of writers,
 * and the bulk loader's target beside the fastest tie statement, since most records are ties.
 */
export function writeCeilingMarkdown(f: WriteCeilingFigures): string {
  const best = bestRates(f);
  const writers = [...new Set(best.map((b) => b.writers))].sort((a, b) => a - b);
  const statements = [...new Set(best.map((b) => b.statement))];
  const rate = (statement: string, w: number) => best.find((b) => b.statement === statement && b.writers === w)?.rowsPerSecond;
  const rows = statements.map((statement) => [
    statement,
    ...writers.map((w) => n(rate(statement, w) ?? 0)),
    best.find((b) => b.statement === statement)!.loaderDoesMore,
  ]);
  const ties = best.filter((b) => b.writes === 'tie').map((b) => b.rowsPerSecond);
  const fastestTie = ties.length > 0 ? Math.max(...ties) : 0;
  return [
    `${WRITE_CEILING_HEADING} (Neo4j's own transactional writes, the simplest statements, rows of ${n(WRITE_CHUNK)}; best of the rounds), rows/s`,
    '',
    table(['statement', ...writers.map((w) => `${w} writer${w > 1 ? 's' : ''}`), 'what the loader does beyond it'], rows),
    '',
    `The fastest tie statement wrote ${n(fastestTie)} rows/s; the bulk loader's target is ${n(BULK_LOAD_TARGET_RECORDS_PER_SECOND)} records/s end to end ` +
      `(${fastestTie >= BULK_LOAD_TARGET_RECORDS_PER_SECOND ? 'within' : 'above'} this ceiling), and most records are ties. ` +
      `Load averages (1, 5, 15 min) at the start: ${f.loadStart.join(', ')}; at the end: ${f.loadEnd.join(', ')}.`,
    '',
  ].join('\n');
}
