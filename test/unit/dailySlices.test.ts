import { createHash } from 'node:crypto';
import { RECORD_KINDS, RecordSchemas, type RecordKind } from '../../src/contract/ingestBatch';
import { emptyEvidence, type Evidence } from '../../src/contract/evidence';
import { generateDailyScenario } from '../../src/scenario/dailyScenario';
import { generateScenario, scenarioChunksAsGenerated } from '../../src/scenario/generateScenario';
import { DailySlicer } from '../../src/scenario/dailySlices';
import { liveWindow, windowDayOf } from '../../src/scenario/liveWindow';
import { profileParams } from '../../src/scenario/profiles';

/**
 * A month of daily slices is the same scenario as the whole, cut by the documented rule
 * (dailySlices.ts): a record arrives on the day it happened as generated, even when its
 * export lost the time, never before its borrower, history on day 1.
 */

const params = { ...profileParams('field', 3_000, 5), days: 30 };
const month = generateDailyScenario(params);
const whole = generateScenario(params);

const lines = (evidence: Evidence[]) => RECORD_KINDS.flatMap((kind) => evidence.flatMap((e) => (e[kind] as object[]).map((r) => `${kind} ${JSON.stringify(r)}`))).sort();

/** The kinds placed by their own days (ad sources and channels are day 1's by rule). */
const PLACED = ['borrowers', 'phoneLinks', 'deviceLinks', 'recruitments', 'complaints', 'calls'] as const;
const push = (map: Map<string, number[]>, key: string, day: number) => map.set(key, [...(map.get(key) ?? []), day]);
const sorted = (days: number[]) => [...days].sort((a, b) => a - b);

/**
 * Each exported record's day, worked out from the whole scenario as generated (times and
 * phones before the exports lost or rewrote them), by the rule written out plainly: keyed
 * by the record as exported, with every day a record of that content is due.
 */
function expectedDays(): Map<string, number[]> {
  const exported = emptyEvidence();
  const generated = emptyEvidence();
  const chunks = scenarioChunksAsGenerated(params);
  for (let step = chunks.next(); !step.done; step = chunks.next()) {
    for (const kind of RECORD_KINDS) {
      (exported[kind] as object[]).push(...step.value.chunk[kind]);
      (generated[kind] as object[]).push(...step.value.generated[kind]);
    }
  }
  const dayOf = (time: string | undefined) => windowDayOf(month.window, time);
  const registered = new Map(generated.borrowers.map((b) => [b.id, dayOf(b.registeredAt) ?? 1]));
  const latest = new Map(registered);
  const timed = [
    ...generated.deviceLinks.map((r) => [r.borrowerId, r.seenAt] as const),
    ...generated.recruitments.map((r) => [r.borrowerId, r.at] as const),
    ...generated.complaints.map((r) => [r.borrowerId, r.filedAt] as const),
    ...generated.calls.map((r) => [r.borrowerId, r.at] as const),
  ];
  for (const [id, time] of timed) latest.set(id, Math.max(latest.get(id)!, dayOf(time) ?? 0));
  const firstUse = new Map<string, number>();
  for (const r of [...generated.calls.map((c) => [c.borrowerId, c.phone, c.at] as const), ...generated.complaints.map((c) => [c.borrowerId, c.phone, c.filedAt] as const)]) {
    const day = dayOf(r[2]);
    if (r[1] !== undefined && day !== null) firstUse.set(`${r[0]} ${r[1]}`, Math.min(day, firstUse.get(`${r[0]} ${r[1]}`) ?? day));
  }
  const due = (id: string, day: number | null | undefined) => (day === null || day === undefined ? latest.get(id)! : Math.max(registered.get(id)!, day));

  const days = new Map<string, number[]>();
  // As the slices hold them: validated, with the defaults filled in.
  const at = (kind: RecordKind, record: object, day: number) => push(days, `${kind} ${JSON.stringify(RecordSchemas[kind].parse(record))}`, day);
  exported.borrowers.forEach((b, i) => at('borrowers', b, registered.get(generated.borrowers[i]!.id)!));
  exported.phoneLinks.forEach((l, i) => {
    const g = generated.phoneLinks[i]!;
    at('phoneLinks', l, g.role === 'contact' ? due(g.borrowerId, firstUse.get(`${g.borrowerId} ${g.phone}`)) : registered.get(g.borrowerId)!);
  });
  exported.deviceLinks.forEach((l, i) => at('deviceLinks', l, due(l.borrowerId, dayOf(generated.deviceLinks[i]!.seenAt))));
  exported.complaints.forEach((c, i) => at('complaints', c, due(c.borrowerId, dayOf(generated.complaints[i]!.filedAt))));
  exported.calls.forEach((c, i) => at('calls', c, due(c.borrowerId, dayOf(generated.calls[i]!.at))));
  // The exports drop some recruitments, so an exported one may be any generated one of its borrower and ad source (and time, where kept).
  for (const r of exported.recruitments) {
    for (const g of generated.recruitments) {
      if (g.borrowerId === r.borrowerId && g.adSourceId === r.adSourceId && (r.at === undefined || r.at === g.at)) at('recruitments', r, due(g.borrowerId, dayOf(g.at)));
    }
  }
  return days;
}

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

  test('then each record arrives on the day it happened as generated, never before its borrower, a contact phone on its first use', () => {
    const expected = expectedDays();
    const actual = new Map<string, number[]>();
    month.days.forEach((day, d) => {
      for (const kind of PLACED) for (const record of day[kind] as object[]) push(actual, `${kind} ${JSON.stringify(record)}`, d + 1);
    });
    const misplaced = [...actual].flatMap(([record, days]) => {
      const allowed = expected.get(record) ?? [];
      const wrong = record.startsWith('recruitments ') ? days.filter((d) => !allowed.includes(d)) : sorted(days).join() === sorted(allowed).join() ? [] : days;
      return wrong.length ? [`${record} on day ${wrong.join(', ')}, expected ${allowed.join(', ') || 'none'}`] : [];
    });
    expect(misplaced.slice(0, 5)).toEqual([]);
  });

  test('then the rule is put to work: records whose export lost its time, and contact phones first used before their borrower\'s last record, arrive after day 1', () => {
    const later = month.days.slice(1);
    expect(later.flatMap((day) => day.complaints.filter((c) => c.filedAt === undefined)).length).toBeGreaterThan(0);
    expect(later.flatMap((day) => day.calls.filter((c) => c.at === undefined)).length).toBeGreaterThan(0);
    const lastRecord = new Map<string, number>();
    month.days.forEach((day, d) => {
      for (const kind of ['deviceLinks', 'recruitments', 'complaints', 'calls'] as const) for (const r of day[kind]) lastRecord.set(r.borrowerId, d + 1);
    });
    const earlyContacts = month.days.flatMap((day, d) => day.phoneLinks.filter((l) => l.role === 'contact' && d > 0 && d + 1 < lastRecord.get(l.borrowerId)!));
    expect(earlyContacts.length).toBeGreaterThan(0);
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

describe('When the slicer is handed exports that are not the generated records', () => {
  const generated = { ...emptyEvidence(), borrowers: [{ id: 'b1', registeredAt: '2024-12-10T00:00:00Z' }], calls: [{ id: 'c1', borrowerId: 'b1', at: '2024-12-20T00:00:00Z' }] };
  test('then it refuses, rather than placing records by someone else\'s times', () => {
    const other = { ...generated, calls: [{ id: 'c2', borrowerId: 'b2' }] };
    expect(() => new DailySlicer(liveWindow(30)).slice(other, generated)).toThrow(/DailySlicer: the exported calls are not the generated ones/);
  });
  test('then a call whose export lost its time still arrives on the day it was made', () => {
    const exported = { ...generated, calls: [{ id: 'c1', borrowerId: 'b1' }] };
    const days = new DailySlicer(liveWindow(30)).slice(exported, generated);
    expect(days.findIndex((d) => d.calls.length > 0) + 1).toBe(windowDayOf(liveWindow(30), '2024-12-20T00:00:00Z'));
    expect(days.findIndex((d) => d.borrowers.length > 0) + 1).toBe(windowDayOf(liveWindow(30), '2024-12-10T00:00:00Z'));
  });
});
