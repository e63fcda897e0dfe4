import { liveDayOverHttpMarkdown, type HttpDay } from '../../bench/liveDayOverHttp';
import { daysAgainstTarget, liveDayMarkdown } from '../../bench/report';
import type { LiveDayFigures, LiveDaySlice } from '../../bench/liveDay';

const stages = { ingest: 2_000, ingestByKind: { borrowers: 300 }, lastBatchToAlerts: 1_800, plan: 1_200, planRead: 500, scopeRead: 90, detect: 150, detectRead: 100, write: 160, alerts: 40, firstRead: 12, total: 3_600 };
const slice: LiveDaySlice = {
  prefix: 'day7-',
  seed: 1007,
  borrowers: 10_000,
  records: 55_000,
  batches: 19,
  lanes: 2,
  stages,
  scope: { mode: 'incremental', reason: 'changes since run r', components: 24_000, analysedComponents: 220, keptRings: 2_500, touchedBorrowers: 10_000, planInputs: 'changes' },
  reexaminedBorrowers: 1_000,
  planInputs: 'changes',
  ringsWritten: 25,
  suspected: 2_525,
  alertsRaised: 25,
  alertsOnFirstPage: 25,
  loadBefore: 2,
  loadAfter: 2,
  compilation: { ms: 2_881, planned: 69 },
};
const recorded = (firstRun: LiveDayFigures['firstRun']): LiveDayFigures => ({
  borrowers: 1_000_000,
  full: { ms: 17_000, alertsMs: null, runId: 'run-full', how: 'recorded', loadAverage: [2, 2, 2] },
  firstRun,
  rehearsal: null,
  slices: [slice, { ...slice, prefix: 'day8-', compilation: null }],
  compilationUnavailable: null,
  loadStart: [2, 2, 2],
  loadEnd: [2, 2, 2],
});

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

  it("gives the process's first run, when the full analysis was recorded, and sets day 1 after it", () => {
    const text = liveDayMarkdown(recorded({ ms: 3_700, runId: 'run-first' }));
    expect(text).toContain("This process's first run (run-first), as a server's after it starts, found nothing new and read the plan's inputs whole: 3,700 ms.");
    expect(text).toContain("day 1, the first after the process's first run, 3.6 s");
    expect(liveDayMarkdown(recorded(null))).toContain('day 1, the first after the full analysis, 3.6 s');
  });

  it("gives Neo4j's plan compilation per day, a dash where unmeasured, and why a whole run went unmeasured", () => {
    const text = liveDayMarkdown(recorded(null));
    expect(text).toMatch(/\| Neo4j's plan compilation, ms summed over statements \/ plans made \| 2,881 \/ 69 \| – \|/);
    expect(text).toContain('a list by its size rounded up to a power of ten');
    const without = liveDayMarkdown({ ...recorded(null), compilationUnavailable: 'the query collector is unavailable (no admin role)' });
    expect(without).toContain('Plan compilation was not measured: the query collector is unavailable (no admin role).');
    expect(without).not.toContain('rounded up to a power of ten');
  });

  it('gives the day rehearsed before day 1, and sets day 1 after it', () => {
    const rehearsal = { ms: 9_786, batches: 36, analysis: { touched: 1_000, ms: 3_836, planInputsKept: true } };
    const text = liveDayMarkdown({ ...recorded(null), rehearsal });
    expect(text).toContain(
      "Before day 1 a day was rehearsed, as a server does when it starts and after a run that examined every component, every write rolled back: 9,786 ms, 36 batches ingested, its analysis over 1,000 borrowers 3,836 ms, the plan's inputs it read whole kept for day 1.",
    );
    expect(text).toContain('day 1, the first after a rehearsal, 3.6 s');
    const skipped = liveDayMarkdown({ ...recorded(null), rehearsal: { ...rehearsal, analysis: { skipped: 'no successful run to build on' } } });
    expect(skipped).toContain('36 batches ingested, its analysis not rehearsed (no successful run to build on).');
    expect(liveDayMarkdown(recorded(null))).toContain('No day was rehearsed before the first.');
  });

  it('says within or over for a single day', () => {
    expect(daysAgainstTarget([5_200])).toBe('measured 5.2 s (over)');
    expect(daysAgainstTarget([4_999])).toBe('measured 5.0 s (within)');
  });
});

describe('the live day over HTTP report', () => {
  const day = (toAlertsMs: number, scope: string, compilation: HttpDay['compilation'] = null): HttpDay => ({ day: 1, records: 55_000, ingestMs: 2_500, toAlertsMs, lastBatchToAlertsMs: 1_500, runId: 'run-x', scope, alerts: 25, compilation });

  it("sets the server's first run apart and counts the days after it within the target, 5 s itself within", () => {
    const markdown = liveDayOverHttpMarkdown([day(30_000, 'full, plan inputs whole', { ms: 1_234, planned: 40 }), day(4_100, 'incremental, plan inputs changes'), day(5_000, 'incremental'), day(5_300, 'incremental')], 1_500_000);
    expect(markdown).toMatch(/^## Live day over HTTP .* on the 1,500,000-borrower graph/);
    expect(markdown).toContain("| day 1 (the server's first run) | 55,000 | 2,500 | **30,000** | 1,500 | 25 | full, plan inputs whole | 1,234 / 40 |");
    expect(markdown).toContain('| day 2 | 55,000 | 2,500 | **4,100** | 1,500 | 25 | incremental, plan inputs changes | – |');
    expect(markdown).toContain('within on 2 of the 3 days after the server\'s first run');
  });
});
