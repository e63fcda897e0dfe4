import { comparisonTable } from '../../src/evaluation/qualityTable';
import type { DetectorResult } from '../../src/evaluation/evaluateDetectors';

const result = (detector: string, dataset: string, ringF1: number, memberF1: number) =>
  ({ detector, dataset, seconds: 0.1, score: { rings: { f1: ringF1 }, members: { f1: memberF1 } } }) as unknown as DetectorResult;

describe('When detectors are compared', () => {
  test('then each case is one row with every detector\'s ring F1 / member F1, in registry order', () => {
    const table = comparisonTable([result('baseline', 'case A', 0.05, 0.2), result('louvain', 'case A', 0.98, 0.99), result('baseline', 'case B', 0, 0.06)]);
    expect(table.split('\n')).toEqual([
      '### ring F1 / member F1 by detector',
      '',
      '| case | baseline | louvain |',
      '|---|---:|---:|',
      '| case A | 0.050 / 0.200 | 0.980 / 0.990 |',
      '| case B | 0.000 / 0.060 | - |',
    ]);
  });
});
