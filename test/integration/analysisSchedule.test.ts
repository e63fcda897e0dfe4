import request from 'supertest';
import { loadConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/http/server';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { generateScenario } from '../../src/scenario/generateScenario';
import { bearer, TEST_API_KEYS } from './support/apiKeys';
import { waitUntil } from './support/chromium';
import { responseErrors } from './support/openApiResponses';
import { clearGraph, openTestDatabase } from './support/testDatabase';

/**
 * A server configured to re-analyse after a number of ingested records
 * (ANALYSIS_AFTER_RECORDS, checked every ANALYSIS_CHECK_SECONDS): records arriving through
 * the API start a run once there are enough of them, the run is listed and followed at
 * /v1/analysis like any other, its alerts are readable, and nothing new starts nothing.
 * Checked only hourly, the server still starts the run as soon as a batch crosses the count.
 */

let db: GraphDatabase;
let api: RunningServer;
const { evidence } = generateScenario({ borrowers: 1500, seed: 5 });
const THRESHOLD = 1_000;
const { adSources: _a, complaintChannels: _c, ...rest } = evidence;
// 600 newcomers, each giving a phone already in the graph as a contact: 1,200 records.
const newcomers = evidence.phoneLinks.slice(0, 600).map((link, i) => ({ id: `late-${i}`, phone: link.phone }));
const late = { borrowers: newcomers.map(({ id }) => ({ id })), phoneLinks: newcomers.map(({ id, phone }) => ({ borrowerId: id, phone, role: 'contact' as const })) };

const admin = (path: string) => request(api.url).get(path).set('Authorization', bearer('admin'));
const ingest = (batch: object) => request(api.url).post('/v1/ingest').set('Authorization', bearer('admin')).send(batch);
const started = async () => (await admin('/v1/analysis')).body.schedule.started as { runId: string; reason: string }[];
const finished = async (runId: string) => ((run) => run.status === 'succeeded' && run.progress === null)((await admin(`/v1/analysis/${runId}`)).body);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let firstRunId = '';

/** A server on the emptied test database that runs after THRESHOLD records, checking every `checkSeconds`. */
function serveWithSchedule(checkSeconds: number): void {
  beforeAll(async () => {
    await clearGraph(db);
    const config = loadConfig({ LOG_LEVEL: 'silent', ANALYSIS_AFTER_RECORDS: String(THRESHOLD), ANALYSIS_CHECK_SECONDS: String(checkSeconds) });
    api = await startServer({ ...config, API_KEYS: TEST_API_KEYS }, db, { port: 0 });
  }, 60_000);
  afterAll(() => api.close());
}

beforeAll(async () => {
  db = await openTestDatabase();
}, 60_000);
afterAll(() => db.close());

describe('When a server re-analyses after every 1,000 ingested records', () => {
  serveWithSchedule(1);

  test('then a few records start nothing, enough start one run, followed at /v1/analysis, whose alerts are readable; then nothing new starts nothing', async () => {
    expect((await ingest({ adSources: evidence.adSources, complaintChannels: evidence.complaintChannels })).status).toBe(200);
    await pause(2_500);
    const quiet = await admin('/v1/analysis');
    expect(quiet.status).toBe(200);
    expect(responseErrors('get', '/v1/analysis', quiet)).toEqual([]);
    expect(quiet.body).toMatchObject({ runs: [], inProgress: null, schedule: { afterRecords: THRESHOLD, intervalMinutes: 0, started: [] } });

    expect((await ingest(rest)).status).toBe(200);
    await waitUntil(async () => (await started()).length === 1, 'the schedule started a run', 30_000);
    const { runId, reason } = (await admin('/v1/analysis')).body.schedule.started[0];
    expect(reason).toBe('records');
    firstRunId = runId;
    await waitUntil(() => finished(runId), 'the scheduled run finished', 120_000);
    const listed = (await admin('/v1/analysis')).body;
    expect(listed.runs.map((r: { id: string }) => r.id)).toEqual([runId]);
    const alerts = (await request(api.url).get('/v1/alerts').set('Authorization', bearer('viewer'))).body.alerts as { runId: string }[];
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((a) => a.runId === runId)).toBe(true);

    await pause(3_000);
    expect((await admin('/v1/analysis')).body.schedule.started).toHaveLength(1);
  }, 240_000);

  test('then the next run, after more records, examines only what they touched and reads only the plan inputs that changed', async () => {
    expect((await ingest(late)).status).toBe(200);
    await waitUntil(async () => (await started()).length === 2, 'the schedule started a second run', 30_000);
    const { runId } = (await started()).find((r) => r.runId !== firstRunId)!;
    await waitUntil(() => finished(runId), 'the second run finished', 120_000);
    const response = await admin(`/v1/analysis/${runId}`);
    expect(responseErrors('get', '/v1/analysis/{runId}', response)).toEqual([]);
    expect(response.body.scope).toMatchObject({ mode: 'incremental', touchedBorrowers: 600, planInputs: 'changes' });
    // The first run of the server read them whole.
    expect((await admin(`/v1/analysis/${firstRunId}`)).body.scope).toMatchObject({ mode: 'full', planInputs: 'whole' });
  }, 240_000);
});

describe('When a server that checks its schedule hourly receives records through POST /v1/ingest', () => {
  serveWithSchedule(3_600);

  test('then a batch that crosses the count starts a run at once, and one that arrives during it starts the next when it ends', async () => {
    expect((await ingest({ adSources: evidence.adSources, complaintChannels: evidence.complaintChannels })).status).toBe(200);
    expect((await ingest(rest)).status).toBe(200);
    // The next check of the schedule is an hour away: only the ingest can have started this run.
    await waitUntil(async () => (await started()).length === 1, 'a run started by the ingest', 30_000);
    const [first] = await started();
    expect(first).toMatchObject({ reason: 'records' });
    // Records count for the next run once they are stamped after this one started (its record).
    await waitUntil(async () => ((await admin('/v1/analysis')).body.runs as { id: string }[]).some((run) => run.id === first!.runId), 'the first run recorded', 30_000);

    expect((await ingest(late)).status).toBe(200);
    await waitUntil(async () => (await started()).length === 2, 'a second run for the records that came later', 120_000);
    const second = (await started()).find((run) => run.runId !== first!.runId)!;
    await waitUntil(() => finished(second.runId), 'the second run finished', 120_000);
    const [firstRun, secondRun] = await Promise.all([admin(`/v1/analysis/${first!.runId}`), admin(`/v1/analysis/${second.runId}`)]);
    expect(firstRun.body.status).toBe('succeeded');
    // One run at a time: the second began once the first had ended, and read the newcomers.
    expect(Date.parse(secondRun.body.startedAt)).toBeGreaterThanOrEqual(Date.parse(firstRun.body.finishedAt));
    expect(secondRun.body.scope).toMatchObject({ mode: 'incremental', touchedBorrowers: 600 });
    const alerts = (await request(api.url).get('/v1/alerts').set('Authorization', bearer('viewer'))).body.alerts as { runId: string }[];
    expect(alerts.some((alert) => alert.runId === first!.runId)).toBe(true);
  }, 240_000);
});
