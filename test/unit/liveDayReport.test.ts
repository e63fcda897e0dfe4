import { liveDayOverHttpMarkdown } from '../../bench/liveDayOverHttp';
import { daysAgainstTarget } from '../../bench/report';

describe('the live day report', () => {
  it('counts the days within the target, with the median and the spread, and sets day 1 apart', () => {
    expect(daysAgainstTarget([7_300, 4_700, 4_400, 3_900, 5_100])).toBe(
      'within on 3 of 5 days (median 4.7 s, 3.9 s to 7.3 s); day 1, the first after the full analysis, 7.3 s, the days after it 4.7 s, 4.4 s, 3.9 s, 5.1 s',
    );
  });

  it('takes the middle pair for an even number of days, and 5 s itself as within', () => {
    expect(daysAgainstTarget([6_000, 5_000, 4_000, 3_000])).toMatch(/^within on 3 of 4 days \(median 4\.5 s, 3\.0 s to 6\.0 s\)/);
  });

  it('names the run day 1 came right after', () => {
    expect(daysAgainstTarget([6_000, 5_000], "the process's first run")).toMatch(/; day 1, the first after the process's first run, 6\.0 s, the days after it 5\.0 s$/);
  });

  it('says within or over for a single day', () => {
    expect(daysAgainstTarget([5_200])).toBe('measured 5.2 s (over)');
    expect(daysAgainstTarget([4_999])).toBe('measured 5.0 s (within)');
  });
});

describe('the live day over HTTP report', () => {
  const day = (toAlertsMs: number, scope: string) => ({ day: 1, records: 55_000, ingestMs: 2_500, toAlertsMs, lastBatchToAlertsMs: 1_500, runId: 'run-x', scope, alerts: 25 });

  it("sets the server's first run apart and counts the days after it within the target, 5 s itself within", () => {
    const markdown = liveDayOverHttpMarkdown([day(30_000, 'full, plan inputs whole'), day(4_100, 'incremental, plan inputs changes'), day(5_000, 'incremental'), day(5_300, 'incremental')], 1_500_000);
    expect(markdown).toMatch(/^## Live day over HTTP .* on the 1,500,000-borrower graph/);
    expect(markdown).toContain("| day 1 (the server's first run) | 55,000 | 2,500 | **30,000** | 1,500 | 25 | full, plan inputs whole |");
    expect(markdown).toContain('within on 2 of the 3 days after the server\'s first run');
  });
});
