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
