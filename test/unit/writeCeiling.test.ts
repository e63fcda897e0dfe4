import { bestRates, CEILING_STATEMENTS, type WriteCeilingFigures } from '../../bench/writeCeiling';
import { writeCeilingMarkdown } from '../../bench/report';

const figure = (statement: 'nodes' | 'ties', writers: number, rows: number, ms: number) => ({
  statement,
  writes: statement === 'nodes' ? ('node' as const) : ('tie' as const),
  loaderDoesMore: `more than ${statement}`,
  writers,
  rows,
  ms,
});

describe('the write ceiling report', () => {
  const figures: WriteCeilingFigures = {
    figures: [
      // A cold first round, then a warm one: the report keeps the faster of each statement and count.
      figure('nodes', 1, 200_000, 10_000),
      figure('ties', 1, 300_000, 20_000),
      figure('nodes', 2, 200_000, 4_000),
      figure('ties', 2, 300_000, 6_000),
      figure('nodes', 1, 200_000, 8_000),
      figure('ties', 1, 300_000, 25_000),
    ],
    loadStart: [1, 1, 1],
    loadEnd: [2, 2, 2],
  };

  it('keeps the best rate of each statement with each number of writers', () => {
    expect(bestRates(figures)).toEqual([
      { statement: 'nodes', writes: 'node', loaderDoesMore: 'more than nodes', writers: 1, rowsPerSecond: 25_000 },
      { statement: 'ties', writes: 'tie', loaderDoesMore: 'more than ties', writers: 1, rowsPerSecond: 15_000 },
      { statement: 'nodes', writes: 'node', loaderDoesMore: 'more than nodes', writers: 2, rowsPerSecond: 50_000 },
      { statement: 'ties', writes: 'tie', loaderDoesMore: 'more than ties', writers: 2, rowsPerSecond: 50_000 },
    ]);
  });

  it('reads the bulk loader target against the fastest tie statement, not the node one', () => {
    const slowTies = { ...figures, figures: figures.figures.map((f) => (f.statement === 'ties' && f.writers === 2 ? { ...f, ms: 10_000 } : f)) };
    expect(writeCeilingMarkdown(slowTies)).toContain('The fastest tie statement wrote 30,000 rows/s; the bulk loader\'s target is 50,000 records/s end to end (above this ceiling)');
    expect(writeCeilingMarkdown(figures)).toContain('wrote 50,000 rows/s; the bulk loader\'s target is 50,000 records/s end to end (within this ceiling)');
    expect(writeCeilingMarkdown(figures)).toContain('| ties | 15,000 | 50,000 | more than ties |');
  });

  it('writes only phones the tie statements can find', () => {
    // The last statement MATCHes phones; every one it names must have been merged by the one before.
    const [, merge, match] = CEILING_STATEMENTS;
    const merged = new Set(merge!.rows('t-').map((row) => row.phone));
    const missing = match!.rows('t-').filter((row) => !merged.has(row.phone));
    expect(missing).toHaveLength(0);
  });
});
