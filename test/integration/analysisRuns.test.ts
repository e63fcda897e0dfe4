import request from 'supertest';
import { newRunId, replayRequest, runAnalysis } from '../../src/analysis/runAnalysis';
import { RUN_LEASE_MS } from '../../src/analysis/runLease';
import { loadConfig } from '../../src/config';
import { createApp } from '../../src/http/app';
import { startServer } from '../../src/http/server';
import { ingestBatch } from '../../src/ingest/ingestBatch';
import { Neo4jAnalysisStore } from '../../src/neo4j/analysisStore';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { generateScenario } from '../../src/scenario/generateScenario';
import { profileParams } from '../../src/scenario/profiles';
import { TEST_API_KEYS, bearer } from './support/apiKeys';
import { ringsInGraph } from './support/apiScenario';
import { openTestDatabase } from './support/testDatabase';
import { Neo4jIngestStore } from '../../src/neo4j/ingestStore';

/**
 * Runs as records: what ran (effective options, code version), how it ended, and that it
 * can be run again. Also what a run may not do: wipe the rings by finding nothing.
 */

let db: GraphDatabase;
let store: Neo4jAnalysisStore;

beforeAll(async () => {
  db = await openTestDatabase();
  store = new Neo4jAnalysisStore(db);
  await ingestBatch(new Neo4jIngestStore(db), generateScenario(profileParams('field', 3000, 5)).evidence);
}, 120_000);
afterAll(() => db.close());

/** How many nodes carry the label: rings retired or staged and not yet deleted. */
const countOf = async (label: string) => (await db.read((tx) => tx.run(`RETURN COUNT { MATCH (:${label}) } AS n`))).records[0]!.get('n').toNumber();
/** The real database, where every write statement matching `statement` fails as a full disk would. */
function failingOn(statement: RegExp): GraphDatabase {
  const failing = Object.create(db) as GraphDatabase;
  failing.write = (work) =>
    db.write((tx) => work(new Proxy(tx, { get: (t, key) => (key === 'run' ? (q: string, p?: object) => (statement.test(q) ? Promise.reject(new Error('disk full')) : t.run(q, p)) : Reflect.get(t, key)) })));
  return failing;
}
/** A run recorded as started by a process of its own, which records nothing more. */
async function startedElsewhere(): Promise<string> {
  const id = newRunId();
  await store.startRun({ id, startedAt: new Date().toISOString(), codeVersion: 'test', options: {}, replayOf: null });
  return id;
}
/** Puts a run's last sign of life ten minutes back, past the lease, and returns it (epoch milliseconds). */
const silentForTenMinutes = async (id: string): Promise<number> =>
  (await db.write((tx) => tx.run("MATCH (run:AnalysisRun {id: $id}) SET run.aliveAt = datetime() - duration('PT10M') RETURN run.aliveAt.epochMillis AS at", { id }))).records[0]!.get('at').toNumber();
const memberships = async () => new Map([...(await ringsInGraph(db)).entries()].map(([id, r]) => [id, r.members]));

describe('When a run is recorded', () => {
  test('then it stores every effective option, the code version and its figures, and a replay of it gives the same rings under the same ids', async () => {
    const summary = await runAnalysis(store, { options: { seed: 5, resolution: 0.6 } });
    const run = (await store.run(summary.runId))!;
    expect(run).toMatchObject({ status: 'succeeded', codeVersion: expect.stringMatching(/^\d+\.\d+\.\d+/), error: null, replayOf: null });
    // Every option, defaults filled in, nested ones too: a later change of a default cannot change what this run meant.
    expect(run.options).toMatchObject({ seed: 5, resolution: 0.6, suspectThreshold: 0.3, minRingSize: 3, usageStrength: { callVoice: 1 }, signalWeights: { sharedVoice: 0.16 } });
    expect(run.stats).toMatchObject({ borrowers: 3000, suspected: summary.suspected });
    // The times it records are the run's own, the write included, as the run reported them.
    expect(run.timings).toEqual(summary.timings);
    expect(run.timings!.write).toBeGreaterThan(0);
    expect(run.timings!.total).toBeGreaterThanOrEqual(run.timings!.read + run.timings!.detect + run.timings!.write);
    const before = await memberships();
    expect(before.size).toBeGreaterThan(0);

    const replay = await runAnalysis(store, await replayRequest(store, summary.runId));
    expect((await store.run(replay.runId))!).toMatchObject({ status: 'succeeded', replayOf: summary.runId, options: run.options });
    expect(await memberships()).toEqual(before);
    // A full run replaces every ring, with the same ones: those it replaced are gone, not merely out of sight.
    const full = await runAnalysis(store, { options: run.options as never, full: true });
    expect(full.scope.mode).toBe('full');
    expect(await memberships()).toEqual(before);
    const nodes = await db.read((tx) => tx.run('RETURN COUNT { MATCH (:RetiredRing) } AS retired, COUNT { MATCH (:Ring) } AS rings'));
    expect({ retired: nodes.records[0]!.get('retired').toNumber(), rings: nodes.records[0]!.get('rings').toNumber() }).toEqual({ retired: 0, rings: before.size });
  }, 120_000);

  test('then a failure to delete the rings it replaced, after its commit, is reported and leaves the run standing, and the next run deletes them', async () => {
    const before = await memberships();
    expect(before.size).toBeGreaterThan(0);
    // The real database, with the deletion of retired rings made to fail.
    const failing = failingOn(/:RetiredRing[\s\S]*DETACH DELETE/);
    const failures: string[] = [];
    const summary = await runAnalysis(new Neo4jAnalysisStore(failing, (error) => failures.push(error.message)), { options: { seed: 5, resolution: 0.6 }, full: true });
    expect(failures).toEqual(['disk full']);
    expect((await store.run(summary.runId))!.status).toBe('succeeded');
    expect(await memberships()).toEqual(before);
    expect(await countOf('RetiredRing')).toBe(before.size);
    await runAnalysis(store, { options: { seed: 5, resolution: 0.6 }, full: true });
    expect(await countOf('RetiredRing')).toBe(0);
  }, 120_000);

  test('then a run that fails while it writes its rings leaves the last run\'s in sight, and the next run deletes what it had staged', async () => {
    const before = await memberships();
    expect(before.size).toBeGreaterThan(0);
    // The real database, with the members' links made to fail once the rings themselves are written.
    const failing = failingOn(/CREATE \(b\)-\[rel:MEMBER_OF\]/);
    // A write this small is staged in the run's last transaction, which rolls back whole.
    await expect(runAnalysis(new Neo4jAnalysisStore(failing), { options: { seed: 5, resolution: 0.6 }, full: true })).rejects.toThrow('disk full');
    expect(await countOf('StagedRing')).toBe(0);
    expect(await memberships()).toEqual(before);
    // Staged in transactions of its own (as a large platform's is), the rings stay behind, out of sight.
    await expect(runAnalysis(new Neo4jAnalysisStore(failing, undefined, 0), { options: { seed: 5, resolution: 0.6 }, full: true })).rejects.toThrow('disk full');
    expect(await countOf('StagedRing')).toBe(before.size);
    expect(await memberships()).toEqual(before);
    // The next run, staging in transactions of its own too, writes the same rings and leaves nothing behind.
    await runAnalysis(new Neo4jAnalysisStore(db, undefined, 0), { options: { seed: 5, resolution: 0.6 }, full: true });
    expect({ staged: await countOf('StagedRing'), retired: await countOf('RetiredRing') }).toEqual({ staged: 0, retired: 0 });
    expect(await memberships()).toEqual(before);
  }, 120_000);

  test('then a run whose read of the last rings fails is recorded failed with that error, and nothing goes unhandled', async () => {
    const before = await memberships();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      // The last rings are read beside the run's other bookkeeping reads, which are still in flight when this fails.
      const failing = Object.create(store) as Neo4jAnalysisStore;
      failing.previousRings = () => Promise.reject(new Error('connection reset'));
      const runId = newRunId();
      await expect(runAnalysis(failing, { options: { seed: 5, resolution: 0.6 } }, undefined, runId)).rejects.toThrow('connection reset');
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      expect(await store.run(runId)).toMatchObject({ status: 'failed', error: 'connection reset' });
      expect(await memberships()).toEqual(before);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  }, 120_000);

  test('then a run whose process died is recorded failed as of its last sign of life, and the next run deletes what it had staged', async () => {
    const before = await memberships();
    expect(before.size).toBeGreaterThan(0);
    // A process that dies between staging its rings and promoting them records nothing more, not even its failure.
    const dying = Object.create(new Neo4jAnalysisStore(failingOn(/REMOVE r:StagedRing/), undefined, 0)) as Neo4jAnalysisStore;
    dying.failRun = async () => {};
    const dead = newRunId();
    await expect(runAnalysis(dying, { options: { seed: 5, resolution: 0.6 }, full: true }, undefined, dead)).rejects.toThrow('disk full');
    expect((await store.run(dead))!.status).toBe('running');
    expect(await countOf('StagedRing')).toBe(before.size);
    // Its last sign of life ten minutes ago, past the lease; another run, alive now, stays running.
    const lastSeen = await silentForTenMinutes(dead);
    const alive = await startedElsewhere();
    try {
      expect(await store.failAbandonedRuns(RUN_LEASE_MS)).toEqual([{ id: dead, lastSeenAt: new Date(lastSeen).toISOString() }]);
      expect(await store.run(dead)).toMatchObject({ status: 'failed', finishedAt: new Date(lastSeen).toISOString(), error: expect.stringContaining('abandoned') });
      expect((await store.run(alive))!.status).toBe('running');
      expect(await store.keepRunAlive(alive)).toBe(true);
      expect(await store.keepRunAlive(dead)).toBe(false);
      // The next run leaves nothing of it behind, and the rings as they were.
      await runAnalysis(store, { options: { seed: 5, resolution: 0.6 }, full: true });
      expect(await countOf('StagedRing')).toBe(0);
      expect(await memberships()).toEqual(before);
      expect((await store.run(alive))!.status).toBe('running');
    } finally {
      await store.failRun(alive, new Date().toISOString(), 'test over');
    }
  }, 120_000);

  test('then a run its process left for too long is declared abandoned by the next run, which fails it', async () => {
    const dead = await startedElsewhere();
    await silentForTenMinutes(dead);
    await runAnalysis(store, { options: { seed: 5, resolution: 0.6 } });
    expect(await store.run(dead)).toMatchObject({ status: 'failed', error: expect.stringContaining('abandoned') });
  }, 120_000);

  test('then a server started after its process died reads it as failed from the start', async () => {
    const dead = await startedElsewhere();
    await silentForTenMinutes(dead);
    const api = await startServer({ ...loadConfig({ LOG_LEVEL: 'silent' }), API_KEYS: TEST_API_KEYS }, db, { port: 0 });
    try {
      const status = async () => (await request(api.url).get(`/v1/analysis/${dead}`).set('Authorization', bearer('admin'))).body.status as string;
      for (let wait = 0; wait < 100 && (await status()) === 'running'; wait++) await new Promise((r) => setTimeout(r, 50));
      expect(await status()).toBe('failed');
    } finally {
      await api.close();
    }
  }, 60_000);

  test('then a run declared abandoned while it worked is refused at its last transaction, leaving the last run\'s rings in sight', async () => {
    const before = await memberships();
    expect(before.size).toBeGreaterThan(0);
    const base = new Neo4jAnalysisStore(db, undefined, 0);
    // Another process's look for abandoned runs, with no lease at all, comes between the run's staging and its last transaction.
    const declared = Object.create(base) as Neo4jAnalysisStore;
    declared.finishRun = async (...args) => {
      await base.failAbandonedRuns(0);
      return base.finishRun(...args);
    };
    const runId = newRunId();
    await expect(runAnalysis(declared, { options: { seed: 5, resolution: 0.6 }, full: true }, undefined, runId)).rejects.toThrow('declared abandoned');
    expect(await store.run(runId)).toMatchObject({ status: 'failed', error: expect.stringContaining('declared abandoned') });
    expect(await memberships()).toEqual(before);
    expect(await countOf('StagedRing')).toBe(before.size);
    await runAnalysis(store, { options: { seed: 5, resolution: 0.6 }, full: true });
    expect(await countOf('StagedRing')).toBe(0);
  }, 120_000);

  test('then a run that finds no suspected ring while the last run found some fails, says why, and leaves the rings in place', async () => {
    const before = await memberships();
    expect(before.size).toBeGreaterThan(0);
    await expect(runAnalysis(store, { options: { suspectThreshold: 1 } })).rejects.toMatchObject({ status: 409, code: 'degenerate_run' });
    expect(await memberships()).toEqual(before);
    const [latest] = await store.runs(1);
    expect(latest).toMatchObject({ status: 'failed', error: expect.stringContaining('no suspected ring') });
  }, 120_000);

  test('then options beyond sane bounds are refused before anything runs, naming the option', async () => {
    const app = createApp({ db, apiKeys: TEST_API_KEYS });
    for (const options of [{ resolution: 1e308 }, { passiveHubDegree: 1e12 }, { seed: -1 }, { campaignSurprise: 0 }]) {
      const res = await request(app).post('/v1/analysis').set('Authorization', bearer('admin')).send({ options });
      expect({ options, status: res.status, path: res.body.error?.details?.[0]?.path }).toEqual({ options, status: 400, path: `options.${Object.keys(options)[0]}` });
    }
  });

  test('then another server process finds it by id after a restart', async () => {
    const [latest] = await store.runs(1);
    const fresh = createApp({ db, apiKeys: TEST_API_KEYS });
    const res = await request(fresh).get(`/v1/analysis/${latest!.id}`).set('Authorization', bearer('admin'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ runId: latest!.id, status: latest!.status, progress: null });
  });
});

describe('When a server starts on a graph analysed before', () => {
  /** The day rehearsals /metrics counts, by outcome. */
  const rehearsals = async (url: string): Promise<Record<string, number>> => {
    const text = (await request(url).get('/metrics')).text;
    return Object.fromEntries([...text.matchAll(/^ringsight_day_rehearsals\{outcome="(\w+)"\} (\d+)$/gm)].map((m) => [m[1]!, Number(m[2])]));
  };
  const finished = async (url: string, runId: string) => {
    for (;;) {
      const body = (await request(url).get(`/v1/analysis/${runId}`).set('Authorization', bearer('admin'))).body as { status: string; scope: { mode: string } | null };
      if (body.status !== 'running') return body;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  test('then it rehearses a day; a run asked for meanwhile waits for it and succeeds, and a full run is followed by another rehearsal', async () => {
    await runAnalysis(store, {});
    const api = await startServer({ ...loadConfig({ LOG_LEVEL: 'silent' }), API_KEYS: TEST_API_KEYS }, db, { port: 0 });
    try {
      expect(await rehearsals(api.url)).toEqual({ running: 1, rehearsed: 0, nothing: 0, failed: 0 });
      const asked = await request(api.url).post('/v1/analysis').set('Authorization', bearer('admin')).send({});
      expect(asked.status).toBe(202);
      expect(await finished(api.url, asked.body.runId)).toMatchObject({ status: 'succeeded', scope: { mode: 'incremental' } });
      expect(await rehearsals(api.url)).toEqual({ running: 0, rehearsed: 1, nothing: 0, failed: 0 });
      const full = await request(api.url).post('/v1/analysis').set('Authorization', bearer('admin')).send({ full: true });
      expect(await finished(api.url, full.body.runId)).toMatchObject({ status: 'succeeded', scope: { mode: 'full' } });
      for (let wait = 0; wait < 600 && (await rehearsals(api.url)).rehearsed! < 2; wait++) await new Promise((r) => setTimeout(r, 100));
      expect(await rehearsals(api.url)).toEqual({ running: 0, rehearsed: 2, nothing: 0, failed: 0 });
    } finally {
      await api.close();
    }
  }, 180_000);
});
