import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../src/http/app';
import { countGraph } from '../../src/neo4j/graphCounts';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { smallBatch } from '../fixtures/smallBatch';
import { TEST_API_KEYS, bearer } from './support/apiKeys';
import { clearGraph, openTestDatabase } from './support/testDatabase';

/** POST /v1/ingest against what a demanding operator sends: each case once answered 500 or merged silently. */

let db: GraphDatabase;
let app: Express;

beforeAll(async () => {
  db = await openTestDatabase();
  app = createApp({ db, apiKeys: TEST_API_KEYS });
});
beforeEach(() => clearGraph(db));
afterAll(() => db.close());

const post = (body: unknown) => request(app).post('/v1/ingest').set('Authorization', bearer('admin')).send(body as object);
const totalNodes = async () => Object.values((await countGraph(db)).nodes).reduce((a, b) => a + b, 0);

describe('POST /v1/ingest: values the database would refuse', () => {
  it.each([
    ['borrowers[0].registeredAt', { borrowers: [{ id: 'b1', registeredAt: '2024-01-01T00:00:00+23:59' }] }],
    ['deviceLinks[0].seenAt', { borrowers: [{ id: 'b1' }], deviceLinks: [{ borrowerId: 'b1', deviceId: 'd1', seenAt: '2024-01-01T00:00:00+23:00' }] }],
    ['borrowers[0].registeredAt', { borrowers: [{ id: 'b1', registeredAt: '2024-01-01T00:00:00.123456789012Z' }] }],
  ])('when %s is beyond what Neo4j takes, then 400 names it and nothing is written', async (path, batch) => {
    const res = await post(batch);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path, message: expect.any(String) }]);
    expect(await totalNodes()).toBe(0);
  });

  it('when a borrower name is too long for its text index, then 400 instead of a database error', async () => {
    const res = await post({ borrowers: [{ id: 'b1', name: '中'.repeat(20_000) }] });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('borrowers[0].name');
  });
});

describe('POST /v1/ingest: no silent merges', () => {
  it('when two ids differ only by lone surrogates, then 400 names both and no borrower is written', async () => {
    const res = await post({ borrowers: [{ id: 'sur-\ud800' }, { id: 'sur-\udfff' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['borrowers[0].id', 'borrowers[1].id']);
    expect(await totalNodes()).toBe(0);
  });

  it('when look-alike ids differ by a zero-width space, then the invisible one is refused', async () => {
    const res = await post({ borrowers: [{ id: 'zw-b1' }, { id: 'zw-b1\u200b' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'borrowers[1].id', message: expect.stringContaining('U+200B') }]);
  });

  it('when the same borrower comes twice with different fields, then 400 names both occurrences and nothing is written', async () => {
    const res = await post({ borrowers: [{ id: 'b1', overdueDays: 3 }, { id: 'b1', overdueDays: 90 }] });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'conflicting_duplicates', details: [{ path: 'borrowers[1]', message: expect.stringContaining('borrowers[0]') }] });
    expect(await totalNodes()).toBe(0);
  });

  it('when the same borrower comes twice identically, then it is written once', async () => {
    const res = await post({ borrowers: [{ id: 'b1', overdueDays: 3 }, { id: 'b1', overdueDays: 3 }] });
    expect(res.status).toBe(200);
    expect((await countGraph(db)).nodes.Borrower).toBe(1);
  });

  it('when one call id is sent for two borrowers in one batch, then 400 names both calls', async () => {
    const res = await post({ borrowers: [{ id: 'b1' }, { id: 'b2' }], calls: [{ id: 'k1', borrowerId: 'b1' }, { id: 'k1', borrowerId: 'b2' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'calls[1]', message: expect.stringMatching(/calls\[0\].*borrowerId/) }]);
    expect((await countGraph(db)).relationships.ABOUT).toBe(0);
  });

  it.each([
    ['calls', { calls: [{ id: 'k1', borrowerId: 'b2' }] }, 'calls[0].borrowerId', 'ABOUT'],
    ['complaints', { complaints: [{ id: 'c1', borrowerId: 'b2', channelId: 'ch1' }] }, 'complaints[0].borrowerId', 'FILED'],
    ['complaints', { complaintChannels: [{ id: 'ch2' }], complaints: [{ id: 'c1', borrowerId: 'b1', channelId: 'ch2' }] }, 'complaints[0].channelId', 'VIA'],
    ['calls', { calls: [{ id: 'k1', borrowerId: 'b1', voiceprintId: 'v-other' }] }, 'calls[0].voiceprintId', 'SPOKEN_BY'],
  ])('when a stored %s id is re-sent for another borrower, channel or voice, then 409 names it and the batch is rolled back', async (_kind, batch, path, relationship) => {
    expect((await post(smallBatch())).status).toBe(200);
    const before = await countGraph(db);
    const res = await post({ ...batch, borrowers: [{ id: 'b-new' }] });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'conflicting_event', details: [{ path, message: expect.stringContaining('already stored') }] });
    const after = await countGraph(db);
    expect(after).toEqual(before);
    expect(after.relationships[relationship]).toBe(1);
  });

  it('when a stored call is re-sent with a phone it lacked and a corrected flag, then it is an update, not a conflict', async () => {
    expect((await post({ borrowers: [{ id: 'b1' }], calls: [{ id: 'k1', borrowerId: 'b1', voiceMatch: true }] })).status).toBe(200);
    const res = await post({ calls: [{ id: 'k1', borrowerId: 'b1', phone: '13800000000', voiceMatch: false }] });
    expect(res.status).toBe(200);
    expect((await countGraph(db)).relationships).toMatchObject({ ABOUT: 1, FROM_PHONE: 1 });
  });
});

describe('POST /v1/ingest: bodies', () => {
  it('when the body is empty, then 400 says a body is needed, not 200', async () => {
    const res = await request(app).post('/v1/ingest').set('Authorization', bearer('admin')).set('Content-Type', 'application/json');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('body_required');
  });

  it('when the batch holds no records, then 400 says so', async () => {
    const res = await post({ borrowers: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('empty_batch');
  });

  it('when the body is sent as text/plain, then 415 names the Content-Type to use', async () => {
    const res = await request(app).post('/v1/ingest').set('Authorization', bearer('admin')).set('Content-Type', 'text/plain').send(JSON.stringify(smallBatch()));
    expect(res.status).toBe(415);
    expect(res.body.error).toMatchObject({ code: 'unsupported_media_type', message: expect.stringContaining('application/json') });
  });

  it('when 15 phones of 1 MiB each are invalid, then the 400 body stays small', async () => {
    const phone = '1'.repeat(1 << 20);
    const res = await post({ borrowers: [{ id: 'b1' }], phoneLinks: Array.from({ length: 15 }, () => ({ borrowerId: 'b1', phone })) });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toHaveLength(15);
    expect(res.text.length).toBeLessThan(5_000);
  });

  it('when 100,000 referenced borrowers are missing, then the message counts 100,000 and shows the first 100', async () => {
    const deviceLinks = Array.from({ length: 100_000 }, (_, i) => ({ borrowerId: `g${i}`, deviceId: 'd' }));
    const res = await post({ deviceLinks });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('100,000 referenced entities do not exist (showing the first 100)');
    expect(res.body.error.details).toHaveLength(100);
  }, 60_000);

  it('when a viewer sends 20 MiB to /v1/ingest, then 403 (the role is checked before the body is read)', async () => {
    const res = await request(app).post('/v1/ingest').set('Authorization', bearer('viewer')).set('Content-Type', 'application/json').send(`{"borrowers":[{"id":"${'x'.repeat(20 << 20)}"}]}`);
    expect(res.status).toBe(403);
  });
});

describe('paths and methods', () => {
  it.each(['/v1/borrowers/%E0%A4%A', '/v1/borrowers/%', '/v1/rings/%ZZ', '/v1/phones/%FF', '/v1/devices/%C0%AF', '/v1/rings/%E0%A4%A/members'])(
    'when the path %s is not valid percent-encoding, then 400 invalid_path',
    async (path) => {
      const res = await request(app).get(path).set('Authorization', bearer('viewer'));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_path');
    },
  );

  it.each([
    ['delete', '/v1/rings', 'GET, HEAD'],
    ['put', '/v1/ingest', 'POST'],
    ['patch', '/v1/rings/ring-1', 'GET, HEAD'],
    ['post', '/v1/borrowers/b1', 'GET, HEAD'],
  ] as const)('when %s %s is sent, then 405 with Allow: %s', async (method, path, allow) => {
    const res = await request(app)[method](path).set('Authorization', bearer('admin'));
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe(allow);
    expect(res.body.error.code).toBe('method_not_allowed');
  });
});

describe('audit trail of refused requests', () => {
  it('when a key is wrong, missing, or lacks the role on an admin route, then the trail tells which, under the route pattern', async () => {
    await request(app).get('/v1/rings').set('Authorization', 'Bearer wrong-key-0123456789abcdef');
    await request(app).get('/v1/rings');
    await request(app).post('/v1/ingest').set('Authorization', bearer('viewer')).send({ borrowers: [{ id: 'b1' }] });
    const res = await request(app).get('/v1/audit?limit=3').set('Authorization', bearer('admin'));
    const [forbidden, missing, wrong] = res.body.events;
    expect(wrong).toMatchObject({ status: 401, credential: 'invalid', role: 'anonymous', keyFingerprint: expect.stringMatching(/^[0-9a-f]{12}$/) });
    expect(missing).toMatchObject({ status: 401, credential: 'missing', keyFingerprint: null });
    expect(forbidden).toMatchObject({ status: 403, credential: 'valid', role: 'viewer', method: 'POST', route: '/v1/ingest' });
  });
});
