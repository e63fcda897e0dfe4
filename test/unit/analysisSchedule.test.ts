import { dueReason, scheduleOn, type ScheduleSettings } from '../../src/schedule/analysisSchedule';
import { ScheduledAnalysis, type RunStarter, type ScheduleSource } from '../../src/schedule/scheduledAnalysis';
import { loadConfig } from '../../src/config';

const every = (intervalMinutes: number, afterRecords = 0): ScheduleSettings => ({ intervalMinutes, afterRecords, checkSeconds: 15 });
const now = new Date('2024-12-10T12:00:00Z');

describe('When the schedule decides whether a run is due', () => {
  test('then with both triggers off nothing is ever due', () => {
    expect(scheduleOn(every(0, 0))).toBe(false);
    expect(dueReason(every(0, 0), null, 1e9, now)).toBeNull();
  });
  test('then an interval is due once that long has passed since the last run started, and a never-analysed database with records at once', () => {
    expect(dueReason(every(60), '2024-12-10T11:01:00Z', 0, now)).toBeNull();
    expect(dueReason(every(60), '2024-12-10T11:00:00Z', 0, now)).toBe('interval');
    expect(dueReason(every(60), null, 10, now)).toBe('interval');
    expect(dueReason(every(60), null, 0, now)).toBeNull();
  });
  test('then a record count is due once that many records came in since the last run started, whatever the interval', () => {
    expect(dueReason(every(0, 1000), '2024-12-10T11:59:00Z', 999, now)).toBeNull();
    expect(dueReason(every(0, 1000), '2024-12-10T11:59:00Z', 1000, now)).toBe('records');
    expect(dueReason(every(600, 1000), '2024-12-10T11:59:00Z', 5000, now)).toBe('records');
  });
});

describe('When the scheduler checks', () => {
  const source = (last: string | null, records: number): ScheduleSource => ({ lastRunStartedAt: async () => last, lastSucceededRunStartedAt: async () => last, recordsSince: async () => records });
  const starter = (busy = false) => {
    const runs: string[] = [];
    const s: RunStarter & { runs: string[] } = { busy, runs, start: () => ({ runId: `run-${runs.push('x')}` }), idle: async () => {} };
    return s;
  };
  test('then it starts a run when one is due and none is going, and never two at once', async () => {
    const idle = starter();
    const scheduled = new ScheduledAnalysis(idle, source('2024-12-10T10:00:00Z', 0), every(60), undefined, () => now);
    expect(await scheduled.check()).toBe('run-1');
    expect(scheduled.started).toEqual([expect.objectContaining({ runId: 'run-1', reason: 'interval' })]);
    const busy = starter(true);
    expect(await new ScheduledAnalysis(busy, source('2024-12-10T10:00:00Z', 0), every(60), undefined, () => now).check()).toBeNull();
    expect(busy.runs).toEqual([]);
  });
  test('then a database it cannot read is tried again at the next check, and nothing starts', async () => {
    const idle = starter();
    const failing: ScheduleSource = { lastRunStartedAt: async () => Promise.reject(new Error('unavailable')), lastSucceededRunStartedAt: async () => null, recordsSince: async () => 0 };
    expect(await new ScheduledAnalysis(idle, failing, every(60), undefined, () => now).check()).toBeNull();
    expect(idle.runs).toEqual([]);
  });
});

describe('When records arrive through the server', () => {
  // Checked hourly and never started: only recordsArrived can start a run here.
  const hourly = (afterRecords: number): ScheduleSettings => ({ intervalMinutes: 0, afterRecords, checkSeconds: 3_600 });
  const counting = (records: () => number) => {
    const asked = { times: 0 };
    const source: ScheduleSource = { lastRunStartedAt: async () => '2024-12-10T11:00:00Z', lastSucceededRunStartedAt: async () => '2024-12-10T11:00:00Z', recordsSince: async () => (asked.times++, records()) };
    return { source, asked };
  };
  /** Runs that go on until finished by the test, as AnalysisRuns' do until their thread answers. */
  const controlled = () => {
    const runs: string[] = [];
    let waiting: (() => void)[] = [];
    const starter = {
      busy: false,
      runs,
      start() {
        starter.busy = true;
        return { runId: `run-${runs.push('x')}` };
      },
      idle: () => (starter.busy ? new Promise<void>((resolve) => waiting.push(resolve)) : Promise.resolve()),
      finish() {
        starter.busy = false;
        const resolveAll = waiting;
        waiting = [];
        resolveAll.forEach((resolve) => resolve());
      },
    };
    return starter;
  };
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  };

  test('then enough of them start a run at once, without waiting for the next tick', async () => {
    const starter = controlled();
    const scheduled = new ScheduledAnalysis(starter, counting(() => 1_000).source, hourly(1_000), undefined, () => now);
    scheduled.recordsArrived();
    await settle();
    expect(starter.runs).toEqual(['x']);
    expect(scheduled.started).toEqual([expect.objectContaining({ runId: 'run-1', reason: 'records' })]);
  });

  test('then too few start nothing, and neither does an interval-only schedule, which does not even look', async () => {
    const few = controlled();
    new ScheduledAnalysis(few, counting(() => 999).source, hourly(1_000), undefined, () => now).recordsArrived();
    await settle();
    expect(few.runs).toEqual([]);
    const intervalOnly = controlled();
    const { source, asked } = counting(() => 1e6);
    new ScheduledAnalysis(intervalOnly, source, { intervalMinutes: 60, afterRecords: 0, checkSeconds: 3_600 }, undefined, () => now).recordsArrived();
    await settle();
    expect(intervalOnly.runs).toEqual([]);
    expect(asked.times).toBe(0);
  });

  test('then records arriving while a run is going start the next one as soon as it ends, and only one', async () => {
    const starter = controlled();
    const scheduled = new ScheduledAnalysis(starter, counting(() => 5_000).source, hourly(1_000), undefined, () => now);
    scheduled.recordsArrived();
    await settle();
    expect(starter.runs).toHaveLength(1);
    scheduled.recordsArrived();
    scheduled.recordsArrived();
    await settle();
    expect(starter.runs).toHaveLength(1);
    starter.finish();
    await settle();
    expect(starter.runs).toHaveLength(2);
    starter.finish();
    await settle();
    expect(starter.runs).toHaveLength(2);
  });

  test('then a stopped schedule starts nothing more, even for records that were waiting for a run to end', async () => {
    const starter = controlled();
    const scheduled = new ScheduledAnalysis(starter, counting(() => 5_000).source, hourly(1_000), undefined, () => now);
    scheduled.recordsArrived();
    await settle();
    scheduled.recordsArrived();
    await scheduled.stop();
    starter.finish();
    scheduled.recordsArrived();
    await settle();
    expect(starter.runs).toEqual(['x']);
  });
});

describe('When the last run failed', () => {
  // Records stamped at these instants; the last successful run started at 10:00, the failed one at 11:00.
  const stamps = (times: string[]): ScheduleSource => ({
    lastRunStartedAt: async () => '2024-12-10T11:00:00Z',
    lastSucceededRunStartedAt: async () => '2024-12-10T10:00:00Z',
    recordsSince: async (at) => times.filter((t) => at === null || t > at).length,
  });
  const idle = (): RunStarter & { runs: string[] } => {
    const runs: string[] = [];
    return { busy: false, runs, start: () => ({ runId: `run-${runs.push('x')}` }), idle: async () => {} };
  };
  test('then the records it failed to read still count, and one new record makes a retry due', async () => {
    const starter = idle();
    const read = ['2024-12-10T10:30:00Z', '2024-12-10T10:40:00Z', '2024-12-10T10:50:00Z'];
    expect(await new ScheduledAnalysis(starter, stamps(read), every(0, 3), undefined, () => now).check()).toBeNull();
    expect(await new ScheduledAnalysis(starter, stamps([...read, '2024-12-10T11:30:00Z']), every(0, 3), undefined, () => now).check()).toBe('run-1');
  });
  test('then without new records the same data is not analysed again and again', async () => {
    const starter = idle();
    const before = Array.from({ length: 10 }, (_, i) => `2024-12-10T10:${String(10 + i).padStart(2, '0')}:00Z`);
    expect(await new ScheduledAnalysis(starter, stamps(before), every(0, 3), undefined, () => now).check()).toBeNull();
    expect(starter.runs).toEqual([]);
  });
});

describe('When live-operation settings are configured', () => {
  test('then valid ones are read with their defaults, and a wrong one stops start-up naming it', () => {
    const config = loadConfig({ ANALYSIS_INTERVAL_MINUTES: '60', ANALYSIS_AFTER_RECORDS: '50000', WEBHOOK_URL: 'https://alerts.example/hook', WEBHOOK_SECRET: 'x'.repeat(32) });
    expect(config).toMatchObject({ ANALYSIS_INTERVAL_MINUTES: 60, ANALYSIS_AFTER_RECORDS: 50_000, ANALYSIS_CHECK_SECONDS: 15, ALERT_GROWTH_MEMBERS: 3, WEBHOOK_TIMEOUT_MS: 5_000, WEBHOOK_MAX_BACKOFF_SECONDS: 300 });
    expect(loadConfig({})).toMatchObject({ ANALYSIS_INTERVAL_MINUTES: 0, ANALYSIS_AFTER_RECORDS: 0 });
    expect(loadConfig({}).WEBHOOK_URL).toBeUndefined();
    expect(() => loadConfig({ ANALYSIS_INTERVAL_MINUTES: '-5' })).toThrow(/ANALYSIS_INTERVAL_MINUTES/);
    expect(() => loadConfig({ ANALYSIS_AFTER_RECORDS: 'lots' })).toThrow(/ANALYSIS_AFTER_RECORDS/);
    expect(() => loadConfig({ WEBHOOK_URL: 'ftp://alerts.example/hook', WEBHOOK_SECRET: 'x'.repeat(32) })).toThrow(/WEBHOOK_URL: must be an http/);
    expect(() => loadConfig({ WEBHOOK_URL: 'https://alerts.example/hook' })).toThrow(/WEBHOOK_SECRET: is required with WEBHOOK_URL/);
    expect(() => loadConfig({ WEBHOOK_URL: 'https://alerts.example/hook', WEBHOOK_SECRET: 'short' })).toThrow(/WEBHOOK_SECRET: must be at least 32/);
    expect(() => loadConfig({ ALERT_GROWTH_MEMBERS: '0' })).toThrow(/ALERT_GROWTH_MEMBERS/);
  });

  test.each([
    ['ANALYSIS_KEEP_PLAN_INPUTS', 'the analysis thread keeps the last plan inputs'],
    ['ANALYSIS_REHEARSE_DAY', 'the server rehearses a day'],
  ] as const)('then %s is on unless told not to (%s), and a value that is neither on nor off stops start-up', (key, _what) => {
    expect(loadConfig({})[key]).toBe(true);
    expect(loadConfig({ [key]: '0' })[key]).toBe(false);
    expect(loadConfig({ [key]: 'false' })[key]).toBe(false);
    expect(loadConfig({ [key]: 'true' })[key]).toBe(true);
    expect(loadConfig({ [key]: '1' })[key]).toBe(true);
    expect(() => loadConfig({ [key]: 'sometimes' })).toThrow(new RegExp(key));
  });
});
