import { createHash } from 'node:crypto';
import { RECORD_KINDS } from '../../src/contract/ingestBatch';
import type { Evidence } from '../../src/contract/evidence';
import { generateDailyScenario } from '../../src/scenario/dailyScenario';
import { generateScenario } from '../../src/scenario/generateScenario';
import { liveWindow, windowDayOf } from '../../src/scenario/liveWindow';
import { profileParams } from '../../src/scenario/profiles';

/**
 * A month of daily slices is the same scenario as the whole, cut by the documented rule:
 * a record arrives on its own day, never before its borrower, history on day 1.
 */

const params = { ...profileParams('field', 3_000, 5), days: 30 };
const month = generateDailyScenario(params);
const whole = generateScenario(params);

const lines = (evidence: Evidence[]) => RECORD_KINDS.flatMap((kind) => evidence.flatMap((e) => (e[kind] as object[]).map((r) => `${kind} ${JSON.stringify(r)}`))).sort();

describe('When a field scenario is cut into 30 daily slices', () => {
  test('then the slices together hold exactly the records of the whole scenario', () => {
    expect(month.days).toHaveLength(30);
    expect(lines(month.days)).toEqual(lines([whole.evidence]));
  });

  test('then day 1 holds the history and every later day some records', () => {
    const sizes = month.days.map((day) => RECORD_KINDS.reduce((n, kind) => n + day[kind].length, 0));
    expect(sizes[0]).toBeGreaterThan(10 * Math.max(...sizes.slice(1)));
    expect(sizes.slice(1).every((n) => n > 0)).toBe(true);
    expect(month.days.slice(1).every((day) => day.adSources.length === 0 && day.complaintChannels.length === 0)).toBe(true);
  });

  test('then each record arrives on its own day, never before its borrower, and one without a time with its borrower\'s latest timed record', () => {
    const borrowerDay = new Map<string, number>();
    month.days.forEach((day, d) => day.borrowers.forEach((b) => borrowerDay.set(b.id, d + 1)));
    const latest = new Map(borrowerDay);
    const timed = (id: string, time: string | null | undefined) => {
      const day = windowDayOf(month.window, time);
      if (day !== null) latest.set(id, Math.max(latest.get(id)!, day));
    };
    for (const day of month.days) {
      day.deviceLinks.forEach((r) => timed(r.borrowerId, r.seenAt));
      day.recruitments.forEach((r) => timed(r.borrowerId, r.at));
      day.complaints.forEach((r) => timed(r.borrowerId, r.filedAt));
      day.calls.forEach((r) => timed(r.borrowerId, r.at));
    }
    const misplaced: string[] = [];
    month.days.forEach((day, d) => {
      const check = (borrowerId: string, time: string | null | undefined, what: string) => {
        const own = windowDayOf(month.window, time);
        const expected = own === null ? latest.get(borrowerId) : Math.max(borrowerDay.get(borrowerId) ?? Infinity, own);
        if (expected !== d + 1) misplaced.push(`${what} on day ${d + 1}, expected ${expected}`);
      };
      day.phoneLinks.forEach((r) => (r.role === 'contact' ? check(r.borrowerId, null, `contact phone of ${r.borrowerId}`) : check(r.borrowerId, '2000-01-01T00:00:00Z', `registered phone of ${r.borrowerId}`)));
      day.deviceLinks.forEach((r) => check(r.borrowerId, r.seenAt, `device link of ${r.borrowerId}`));
      day.recruitments.forEach((r) => check(r.borrowerId, r.at, `recruitment of ${r.borrowerId}`));
      day.complaints.forEach((r) => check(r.borrowerId, r.filedAt, `complaint ${r.id}`));
      day.calls.forEach((r) => check(r.borrowerId, r.at, `call ${r.id}`));
    });
    expect(misplaced).toEqual([]);
  });

  test('then every gang starts its campaign inside the window, on days spread over it', () => {
    const starts = month.truth.gangs.map((g) => windowDayOf(month.window, g.campaign.from)!);
    expect(month.truth.gangs.every((g) => g.campaign.from >= month.window.from)).toBe(true);
    expect(new Set(starts).size).toBeGreaterThan(3);
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThan(5);
  });
});

describe('When a time is placed in a window of the last 30 days of 2024', () => {
  const window = liveWindow(30);
  test('then history is day 1, the first and last days are 1 and 30, and a missing time has no day', () => {
    expect(window.from).toBe('2024-12-02T00:00:00.000Z');
    expect(windowDayOf(window, '2024-03-01T00:00:00Z')).toBe(1);
    expect(windowDayOf(window, '2024-12-02T23:59:59Z')).toBe(1);
    expect(windowDayOf(window, '2024-12-03T00:00:00+00:00')).toBe(2);
    expect(windowDayOf(window, '2024-12-03T07:00:00+08:00')).toBe(1);
    expect(windowDayOf(window, '2024-12-31T23:59:59Z')).toBe(30);
    expect(windowDayOf(window, null)).toBeNull();
  });
  test('then a window of no days is refused, naming the module', () => {
    expect(() => liveWindow(0)).toThrow(/liveWindow/);
  });
});

/** The field profile's digest before days existed (the default and hard ones are pinned in scenarioPinned.test.ts). */
describe('When the field profile is generated without days', () => {
  test('then it writes exactly the records it wrote before', () => {
    const { evidence } = generateScenario({ ...profileParams('field', 3_000, 7), chunkSize: 500 });
    const hash = createHash('sha256');
    for (const kind of RECORD_KINDS) for (const record of evidence[kind]) hash.update(JSON.stringify(record) + '\n');
    expect(hash.digest('hex')).toBe('020e2117860b9c6b6e619eda5fb3bb2883c5edef6c4197a53df541526bc9a954');
  });
});
