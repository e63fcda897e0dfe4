import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/http/app';
import { TEST_API_KEYS, bearer } from './support/apiKeys';
import { countGraph } from '../../src/neo4j/graphCounts';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { smallBatch } from '../fixtures/smallBatch';
import { clearGraph, openTestDatabase } from './support/testDatabase';

let db: GraphDatabase;
let app: Express;

beforeAll(async () => {
  db = await openTestDatabase();
  app = createApp({ db, apiKeys: TEST_API_KEYS });
});
beforeEach(() => clearGraph(db));
afterAll(() => db.close());

const post = (body: unknown) => request(app).post('/v1/ingest').set('Authorization', bearer('admin')).send(body as object);

describe('POST /v1/ingest', () => {
  it('when a valid batch is posted, then every entity and relationship is in the graph', async () => {
    const res = await post(smallBatch());
    expect(res.status).toBe(200);
    expect(res.body.received).toMatchObject({ borrowers: 3, phoneLinks: 3, complaints: 1, calls: 1 });

    const counts = await countGraph(db);
    expect(counts.nodes).toEqual({
      Borrower: 3, Phone: 2, Device: 2, ComplaintChannel: 1, AdSource: 1, Complaint: 1, Call: 1, Voiceprint: 1,
    });
    expect(counts.relationships).toEqual({
      HAS_PHONE: 3, USED_DEVICE: 2, RECRUITED_VIA: 2, FILED: 1, VIA: 1, FROM_PHONE: 2, FROM_DEVICE: 1, ABOUT: 1, SPOKEN_BY: 1,
    });

    const { records } = await db.driver.executeQuery(
      `MATCH (b:Borrower {id: 'b1'})-[h:HAS_PHONE {role: 'contact'}]->(p:Phone)
       MATCH (b)-[:FILED]->(c:Complaint)-[:VIA]->(ch:ComplaintChannel)
       RETURN p.number AS phone, b.overdueDays AS overdue, c.filedAt AS filedAt, ch.kind AS kind`,
    );
    expect(records[0]?.get('phone')).toBe('+8613900000000');
    expect(records[0]?.get('overdue').toNumber()).toBe(45);
    expect(records[0]?.get('filedAt').toString()).toBe('2024-02-01T09:00:00Z');
    expect(records[0]?.get('kind')).toBe('regulator');
  });

  it('when the same batch is posted twice, then node and relationship counts do not change', async () => {
    const first = await post(smallBatch());
    const before = await countGraph(db);
    const second = await post(smallBatch());
    const after = await countGraph(db);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(after).toEqual(before);
    expect(second.body.written).toMatchObject({ nodesCreated: 0, relationshipsCreated: 0 });
  });

  it('when a later batch references borrowers sent earlier, then it is accepted', async () => {
    await post(smallBatch());
    const res = await post({ phoneLinks: [{ borrowerId: 'b3', phone: '13700000000' }] });
    expect(res.status).toBe(200);
    expect((await countGraph(db)).relationships.HAS_PHONE).toBe(4);
  });

  it('when fields have the wrong type, then 400 names each failing path and nothing is written', async () => {
    const batch = smallBatch();
    (batch.borrowers![1] as Record<string, unknown>).overdueDays = 'forty';
    (batch.calls![0] as Record<string, unknown>).voiceMatch = 'no';
    const res = await post(batch);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['borrowers[1].overdueDays', 'calls[0].voiceMatch']));
    expect(await totalNodes()).toBe(0);
  });

  it('when a phone number is invalid, then 400 points at it and nothing is written', async () => {
    const batch = smallBatch();
    batch.complaints![0]!.phone = '12000000000';
    const res = await post(batch);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'complaints[0].phone', message: expect.stringContaining('not a valid phone number') }]);
    expect(await totalNodes()).toBe(0);
  });

  it('when records reference unknown borrowers, channels or ad sources, then 400 lists the missing ids and nothing is written', async () => {
    const batch = smallBatch();
    batch.deviceLinks!.push({ borrowerId: 'ghost', deviceId: 'd2' });
    batch.complaints![0]!.channelId = 'no-such-channel';
    batch.recruitments![0]!.adSourceId = 'no-such-ad';
    const res = await post(batch);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('unknown_reference');
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'deviceLinks[2].borrowerId', message: 'unknown borrower "ghost"' },
        { path: 'complaints[0].channelId', message: 'unknown complaint channel "no-such-channel"' },
        { path: 'recruitments[0].adSourceId', message: 'unknown ad source "no-such-ad"' },
      ]),
    );
    expect(await totalNodes()).toBe(0);
  });

  it('when the body is not JSON, then 400 says so', async () => {
    const res = await request(app).post('/v1/ingest').set('Authorization', bearer('admin')).set('Content-Type', 'application/json').send('{"borrowers": [');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it('when the body exceeds 16 MiB, then 413 points to the bulk loader and nothing is written', async () => {
    const filler = 'x'.repeat(1000);
    const borrowers = Array.from({ length: 17_000 }, (_, i) => ({ id: `big${i}`, name: filler }));
    const res = await post({ borrowers });
    expect(res.status).toBe(413);
    expect(res.body.error.message).toContain('npm run load');
    expect(await totalNodes()).toBe(0);
  });
});

async function totalNodes(): Promise<number> {
  const counts = await countGraph(db);
  return Object.values(counts.nodes).reduce((a, b) => a + b, 0);
}
