import request from 'supertest';
import { loadConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/http/server';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { generateScenario } from '../../src/scenario/generateScenario';
import { bearer, TEST_API_KEYS } from './support/apiKeys';
import { waitUntil } from './support/chromium';
import { responseErrors } from './support/openApiResponses';
import { openTestDatabase } from './support/testDatabase';

/**
 * A server configured to re-analyse after a number of ingested records
 * (ANALYSIS_AFTER_RECORDS, checked every ANALYSIS_CHECK_SECONDS): records arriving through
 * the API start a run once there are enough of them, the run is listed and followed at
 * /v1/analysis like any other, its alerts are readable, and nothing new starts nothing.
 */

let db: GraphDatabase;
let api: RunningServer;
const { evidence } = generateScenario({ borrowers: 1500, seed: 5 });
const THRESHOLD = 1_000;

const admin = (path: string) => request(api.url).get(path).set('Authorization', bearer('admin'));
const ingest = (batch: object) => request(api.url).post('/v1/ingest').set('Authorization', bearer('admin')).send(batch);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let firstRunId = '';

beforeAll(async () => {
  db = await openTestDatabase();
  const config = loadConfig({ LOG_LEVEL: 'silent', ANALYSIS_AFTER_RECORDS: String(THRESHOLD), ANALYSIS_CHECK_SECONDS: '1' });
  api = await startServer({ ...config, API_KEYS: TEST_API_KEYS }, db, { port: 0 });
}, 60_000);
afterAll(async () => {
  await api.close();
  await db.close();
});

describe('When a server re-analyses after every 1,000 ingested records', () => {
  test('then a few records start nothing, enough start one run, followed at /v1/analysis, whose alerts are readable; then nothing new starts nothing', async () => {
    expect((await ingest({ adSources: evidence.adSources, complaintChannels: evidence.complaintChannels })).status).toBe(200);
    await pause(2_500);
    const quiet = await admin('/v1/analysis');
    expect(quiet.status).toBe(200);
    expect(responseErrors('get', '/v1/analysis', quiet)).toEqual([]);
    expect(quiet.body).toMatchObject({ runs: [], inProgress: null, schedule: { afterRecords: THRESHOLD, intervalMinutes: 0, started: [] } });

    const { adSources: _a, complaintChannels: _c, ...rest } = evidence;
    expect((await ingest(rest)).status).toBe(200);
    await waitUntil(async () => (await admin('/v1/analysis')).body.schedule.started.length === 1, 'the schedule started a run', 30_000);
    const { runId, reason } = (await admin('/v1/analysis')).body.schedule.started[0];
    expect(reason).toBe('records');
    firstRunId = runId;
    await waitUntil(async () => ((run) => run.status === 'succeeded' && run.progress === null)((await admin(`/v1/analysis/${runId}`)).body), 'the scheduled run finished', 120_000);
    const listed = (await admin('/v1/analysis')).body;
    expect(listed.runs.map((r: { id: string }) => r.id)).toEqual([runId]);
    const alerts = (await request(api.url).get('/v1/alerts').set('Authorization', bearer('viewer'))).body.alerts as { runId: string }[];
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((a) => a.runId === runId)).toBe(true);

    await pause(3_000);
    expect((await admin('/v1/analysis')).body.schedule.started).toHaveLength(1);
  }, 240_000);

  test('then the next run, after more records, examines only what they touched and reads only the plan inputs that changed', async () => {
    // 600 newcomers, each giving a phone already in the graph as a contact: 1,200 records.
    const newcomers = evidence.phoneLinks.slice(0, 600).map((link, i) => ({ id: `late-${i}`, phone: link.phone }));
    const batch = { borrowers: newcomers.map(({ id }) => ({ id })), phoneLinks: newcomers.map(({ id, phone }) => ({ borrowerId: id, phone, role: 'contact' as const })) };
    expect((await ingest(batch)).status).toBe(200);
    await waitUntil(async () => (await admin('/v1/analysis')).body.schedule.started.length === 2, 'the schedule started a second run', 30_000);
    const { runId } = ((await admin('/v1/analysis')).body.schedule.started as { runId: string }[]).find((r) => r.runId !== firstRunId)!;
    await waitUntil(async () => ((run) => run.status === 'succeeded' && run.progress === null)((await admin(`/v1/analysis/${runId}`)).body), 'the second run finished', 120_000);
    const response = await admin(`/v1/analysis/${runId}`);
    expect(responseErrors('get', '/v1/analysis/{runId}', response)).toEqual([]);
    expect(response.body.scope).toMatchObject({ mode: 'incremental', touchedBorrowers: 600, planInputs: 'changes' });
    // The first run of the server read them whole.
    expect((await admin(`/v1/analysis/${firstRunId}`)).body.scope).toMatchObject({ mode: 'full', planInputs: 'whole' });
  }, 240_000);
});
