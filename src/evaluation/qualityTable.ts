import type { DetectorNotRun } from './detector';
import type { DetectorResult } from './evaluateDetectors';

const f = (value: number): string => value.toFixed(3);

/** A markdown table per detector, one row per case. */
export function qualityTable(results: readonly DetectorResult[]): string {
  const names = [...new Set(results.map((r) => r.detector))];
  return names
    .map((name) => {
      const rows = results
        .filter((r) => r.detector === name)
        .map(({ dataset, score: { rings, members }, seconds }) =>
          `| ${dataset} | ${f(rings.precision)} | ${f(rings.recall)} | ${f(rings.f1)} | ${f(members.precision)} | ${f(members.recall)} | ${f(members.f1)} | ${rings.reported} / ${rings.planted} | ${seconds.toFixed(2)} s |`,
        );
      return [
        `### ${name}`,
        '',
        '| case | ring P | ring R | ring F1 | member P | member R | member F1 | rings reported / gangs | time |',
        '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
        ...rows,
      ].join('\n');
    })
    .join('\n\n');
}

/** Ring F1 and member F1 of every detector side by side, one row per case: the headline comparison. */
export function comparisonTable(results: readonly DetectorResult[]): string {
  const names = [...new Set(results.map((r) => r.detector))];
  const datasets = [...new Set(results.map((r) => r.dataset))];
  const cell = (dataset: string, name: string) => {
    const r = results.find((x) => x.dataset === dataset && x.detector === name);
    return r ? `${f(r.score.rings.f1)} / ${f(r.score.members.f1)}` : '-';
  };
  return [
    '### ring F1 / member F1 by detector',
    '',
    `| case | ${names.join(' | ')} |`,
    `|---|${names.map(() => '---:').join('|')}|`,
    ...datasets.map((d) => `| ${d} | ${names.map((n) => cell(d, n)).join(' | ')} |`),
  ].join('\n');
}

/** Every key of a set of counts, in a stable order: most frequent first, then by name. */
function keysByTotal(counts: readonly Record<string, number>[]): string[] {
  const totals = new Map<string, number>();
  for (const c of counts) for (const [k, v] of Object.entries(c)) totals.set(k, (totals.get(k) ?? 0) + v);
  return [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
}

/** Reported rings that matched no gang, by what they were made of: one row per detector and case. */
export function falseRingTable(results: readonly DetectorResult[]): string {
  const causes = keysByTotal(results.map((r) => r.diagnosis.falseRings));
  if (causes.length === 0) return '### false rings by cause\n\nNo detector reported a ring that matched no gang.';
  return [
    '### false rings by cause',
    '',
    `| detector | case | false rings | ${causes.join(' | ')} |`,
    `|---|---|---:|${causes.map(() => '---:').join('|')}|`,
    ...results.map((r) => {
      const total = Object.values(r.diagnosis.falseRings).reduce((a, b) => a + b, 0);
      return `| ${r.detector} | ${r.dataset} | ${total} | ${causes.map((c) => r.diagnosis.falseRings[c] ?? 0).join(' | ')} |`;
    }),
  ].join('\n');
}

/** Gangs found out of planted, by style: which ways of operating escape each detector. */
export function gangRecallTable(results: readonly DetectorResult[]): string {
  const styles = keysByTotal(results.map((r) => Object.fromEntries(Object.entries(r.diagnosis.gangsByStyle).map(([k, v]) => [k, v.planted]))));
  return [
    '### gangs found by style (found / planted)',
    '',
    `| detector | case | ${styles.join(' | ')} |`,
    `|---|---|${styles.map(() => '---:').join('|')}|`,
    ...results.map((r) => `| ${r.detector} | ${r.dataset} | ${styles.map((s) => { const g = r.diagnosis.gangsByStyle[s]; return g ? `${g.found} / ${g.planted}` : '-'; }).join(' | ')} |`),
  ].join('\n');
}

/** Gangs not found, by what became of their members. */
export function missedGangTable(results: readonly DetectorResult[]): string {
  const causes = keysByTotal(results.map((r) => r.diagnosis.missedGangs));
  if (causes.length === 0) return '### missed gangs by cause\n\nEvery detector found every gang.';
  return [
    '### missed gangs by cause',
    '',
    `| detector | case | missed | ${causes.join(' | ')} |`,
    `|---|---|---:|${causes.map(() => '---:').join('|')}|`,
    ...results.map((r) => {
      const total = Object.values(r.diagnosis.missedGangs).reduce((a, b) => a + b, 0);
      return `| ${r.detector} | ${r.dataset} | ${total} | ${causes.map((c) => r.diagnosis.missedGangs[c] ?? 0).join(' | ')} |`;
    }),
  ].join('\n');
}

/**
 * Detectors that work in a database: the time to load it (left out of their time above)
 * and each stage of their detection, in seconds. Empty when none ran.
 */
export function stageTable(results: readonly DetectorResult[]): string {
  const staged = results.filter((r) => r.stages);
  if (staged.length === 0) return '';
  const stages = [...new Set(staged.flatMap((r) => Object.keys(r.stages!)))];
  const s = (ms: number | undefined) => (ms === undefined ? '-' : (ms / 1000).toFixed(2));
  return [
    '### stages of the detectors that work in a database (s)',
    '',
    `| detector | case | load (not in its time) | ${stages.join(' | ')} |`,
    `|---|---|---:|${stages.map(() => '---:').join('|')}|`,
    ...staged.map((r) => `| ${r.detector} | ${r.dataset} | ${s(r.setupMs)} | ${stages.map((k) => s(r.stages![k])).join(' | ')} |`),
  ].join('\n');
}

/** Detectors that were asked for and could not run, each with why. */
export function notRunLines(notRun: readonly DetectorNotRun[]): string {
  return notRun.map((n) => `**Not run: ${n.detector}.** ${n.reason}.`).join('\n');
}
