import request from 'supertest';
import { analyse } from './support/analyse';
import { ingestBatch } from '../../src/ingest/ingestBatch';
import { createApp } from '../../src/http/app';
import { TEST_API_KEYS, bearer } from './support/apiKeys';
import { cypher } from '../../src/neo4j/cypherFiles';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { generateScenario } from '../../src/scenario/generateScenario';
import type { Truth } from '../../src/scenario/truth';
import { openTestDatabase } from './support/testDatabase';
import { Neo4jIngestStore } from '../../src/neo4j/ingestStore';

let db: GraphDatabase;
let truth: Truth;

beforeAll(async () => {
  db = await openTestDatabase();
  const scenario = generateScenario({ borrowers: 3000, seed: 7 });
  truth = scenario.truth;
  await ingestBatch(new Neo4jIngestStore(db), scenario.evidence);
}, 120_000);
afterAll(() => db.close());

async function ringsInGraph(): Promise<Map<string, string[]>> {
  const { records } = await db.driver.executeQuery(cypher('analysis/previousRings'), {}, { database: db.settings.database });
  return new Map(records.map((r) => [r.get('id') as string, r.get('members') as string[]]));
}

const jaccard = (a: string[], b: string[]) => {
  const set = new Set(a);
  const shared = b.filter((x) => set.has(x)).length;
  return shared / (a.length + b.length - shared);
};

describe('analysis against the real graph', () => {
  it('when an analysis runs, then suspected rings with members and tools are written back and match planted gangs', async () => {
    const summary = await analyse(db);
    const rings = await ringsInGraph();
    expect(summary.suspected).toBeGreaterThan(0);
    expect(rings.size).toBe(summary.written);
    expect(summary.written).toBeGreaterThanOrEqual(summary.suspected);

    const found = truth.gangs.filter((g) => [...rings.values()].some((members) => jaccard(members, g.members) >= 0.5));
    expect(found.length / truth.gangs.length).toBeGreaterThanOrEqual(0.8);

    const { records } = await db.driver.executeQuery(
      `MATCH (r:Ring)-[:FOUND_IN]->(run:AnalysisRun {id: $runId}) OPTIONAL MATCH (r)-[t:USES_TOOL]->() RETURN count(DISTINCT r) AS rings, count(t) AS tools`,
      { runId: summary.runId },
      { database: db.settings.database },
    );
    expect(records[0]?.get('rings').toNumber()).toBe(summary.written);
    expect(records[0]?.get('tools').toNumber()).toBeGreaterThan(0);
  }, 120_000);

  it('when the same data is analysed again with the same seed, then the same rings come back under the same ids', async () => {
    await analyse(db);
    const first = await ringsInGraph();
    await analyse(db);
    const second = await ringsInGraph();
    expect(second).toEqual(first);
  }, 120_000);

  it('when an analyst lists the top rings, then they come ranked by score with their members expandable', async () => {
    const top = await db.driver.executeQuery(cypher('queries/topRings'), {}, { database: db.settings.database });
    const scores = top.records.map((r) => r.get('score') as number);
    expect(scores.length).toBeGreaterThan(0);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    const ringId = top.records[0]!.get('ring') as string;
    const expanded = await db.driver.executeQuery(cypher('queries/ringMembersAndTools'), { ringId }, { database: db.settings.database });
    expect(expanded.records[0]!.get('members').length).toBe((await ringsInGraph()).get(ringId)!.length);
    const hubs = await db.driver.executeQuery(cypher('queries/cutHubs'), {}, { database: db.settings.database });
    expect(hubs.records.length).toBeGreaterThan(0);
  });

  it('when analyses are requested over HTTP, then the first gets 202, a second concurrent one 409, and the run reports success', async () => {
    const app = createApp({ db, apiKeys: TEST_API_KEYS });
    const first = await request(app).post('/v1/analysis').set('Authorization', bearer('admin')).send({ options: { seed: 1 } });
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ runId: expect.stringMatching(/^run-/), status: 'running' });
    const second = await request(app).post('/v1/analysis').set('Authorization', bearer('admin')).send({});
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('analysis_running');

    let status = 'running';
    for (let i = 0; i < 600 && status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await request(app).get(`/v1/analysis/${first.body.runId}`).set('Authorization', bearer('admin'))).body.status;
    }
    const final = await request(app).get(`/v1/analysis/${first.body.runId}`).set('Authorization', bearer('admin'));
    expect(final.body).toMatchObject({ status: 'succeeded', summary: { suspected: expect.any(Number), stats: { borrowers: 3000 } } });
  }, 120_000);

  it('when analysis options are invalid, then 400 names the field', async () => {
    const res = await request(createApp({ db, apiKeys: TEST_API_KEYS })).post('/v1/analysis').set('Authorization', bearer('admin')).send({ options: { resolution: -1 } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('options.resolution');
  });

  it('when an unknown run is asked for, then 404', async () => {
    const res = await request(createApp({ db, apiKeys: TEST_API_KEYS })).get('/v1/analysis/run-nope').set('Authorization', bearer('admin'));
    expect(res.status).toBe(404);
  });
});
