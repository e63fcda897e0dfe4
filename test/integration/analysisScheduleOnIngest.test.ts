import request from 'supertest';
import { loadConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/http/server';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { generateScenario } from '../../src/scenario/generateScenario';
import { bearer, TEST_API_KEYS } from './support/apiKeys';
import { waitUntil } from './support/chromium';
import { openTestDatabase } from './support/testDatabase';

/**
 * A server that re-analyses after a number of records, but checks its schedule only hourly:
 * records ingested through it start the run as soon as they cross the count, so their alerts
 * do not wait for the next check; records that arrive during that run start the next one
 * once it ends.
 */

let db: GraphDatabase;
let api: RunningServer;
const { evidence } = generateScenario({ borrowers: 1500, seed: 5 });
const THRESHOLD = 1_000;

const admin = (path: string) => request(api.url).get(path).set('Authorization', bearer('admin'));
const ingest = (batch: object) => request(api.url).post('/v1/ingest').set('Authorization', bearer('admin')).send(batch);
const started = async () => (await admin('/v1/analysis')).body.schedule.started as { runId: string; reason: string }[];
const finished = async (runId: string) => ((run) => run.status === 'succeeded' && run.progress === null)((await admin(`/v1/analysis/${runId}`)).body);

beforeAll(async () => {
  db = await openTestDatabase();
  const config = loadConfig({ LOG_LEVEL: 'silent', ANALYSIS_AFTER_RECORDS: String(THRESHOLD), ANALYSIS_CHECK_SECONDS: '3600' });
  api = await startServer({ ...config, API_KEYS: TEST_API_KEYS }, db, { port: 0 });
}, 60_000);
afterAll(async () => {
  await api.close();
  await db.close();
});

describe('When a server that checks its schedule hourly receives records through POST /v1/ingest', () => {
  test('then a batch that crosses the count starts a run at once, and one that arrives during it starts the next when it ends', async () => {
    expect((await ingest({ adSources: evidence.adSources, complaintChannels: evidence.complaintChannels })).status).toBe(200);
    const { adSources: _a, complaintChannels: _c, ...rest } = evidence;
    expect((await ingest(rest)).status).toBe(200);
    // The next check of the schedule is an hour away: only the ingest can have started this run.
    await waitUntil(async () => (await started()).length === 1, 'a run started by the ingest', 30_000);
    const [first] = await started();
    expect(first).toMatchObject({ reason: 'records' });
    // Records count for the next run once they are stamped after this one started (its record).
    await waitUntil(async () => ((await admin('/v1/analysis')).body.runs as { id: string }[]).some((run) => run.id === first!.runId), 'the first run recorded', 30_000);

    const newcomers = evidence.phoneLinks.slice(0, 600).map((link, i) => ({ id: `late-${i}`, phone: link.phone }));
    const late = { borrowers: newcomers.map(({ id }) => ({ id })), phoneLinks: newcomers.map(({ id, phone }) => ({ borrowerId: id, phone, role: 'contact' as const })) };
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
