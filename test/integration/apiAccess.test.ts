import type { Express } from 'express';
import request from 'supertest';
import { analyse } from './support/analyse';
import { loadConfig } from '../../src/config';
import { startServer } from '../../src/http/server';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { KEYS, bearer } from './support/apiKeys';
import { apiFor, getAs, openAnalysedScenario, ringsInGraph } from './support/apiScenario';

let db: GraphDatabase;
let app: Express;
let ringId: string;
let member: string;

beforeAll(async () => {
  db = await openAnalysedScenario();
  app = apiFor(db);
  const rings = await ringsInGraph(db);
  ringId = [...rings.keys()].sort()[0]!;
  member = rings.get(ringId!)!.members[0]!;
}, 180_000);
afterAll(() => db.close());

const E164 = /\+\d{9,}/;

describe('authentication and roles', () => {
  it('when no key is sent, then 401 says a key is required', async () => {
    const res = await getAs(app, null, '/v1/rings');
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'unauthenticated', message: expect.stringContaining('API key is required') });
  });

  it('when a wrong key is sent, then 401 says it is not valid', async () => {
    const res = await request(app).get('/v1/rings').set('Authorization', 'Bearer not-a-real-key-at-all');
    expect(res.status).toBe(401);
    expect(res.body.error.message).toContain('not valid');
  });

  it.each([
    ['viewer', 'post', `/v1/rings/RING/reviews`, 'investigator'],
    ['investigator', 'post', '/v1/ingest', 'admin'],
    ['investigator', 'post', '/v1/analysis', 'admin'],
    ['investigator', 'get', '/v1/audit', 'admin'],
  ] as const)('when a %s calls %s %s, then 403 names the %s role', async (role, method, path, needed) => {
    const res = await request(app)[method](path.replace('RING', ringId)).set('Authorization', bearer(role)).send({ verdict: 'confirmed' });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'forbidden', message: expect.stringContaining(`needs the ${needed} role`) });
  });
});

describe('masking of personal data', () => {
  it('when a viewer reads a ring, then names are masked and no phone number appears anywhere; an investigator sees them', async () => {
    const viewer = await getAs(app, 'viewer', `/v1/rings/${ringId}`);
    const investigator = await getAs(app, 'investigator', `/v1/rings/${ringId}`);
    expect(viewer.body.maskedPersonalData).toBe(true);
    expect(JSON.stringify(viewer.body)).not.toMatch(E164);
    expect(JSON.stringify(investigator.body)).toMatch(E164);
    const { records } = await db.driver.executeQuery('MATCH (b:Borrower {id: $id}) RETURN b.name AS name', { id: member }, { database: db.settings.database });
    const name = records[0]!.get('name') as string;
    const named = (body: { members: { borrowerId: string; name: string }[] }) => body.members.find((m) => m.borrowerId === member)!.name;
    expect(named(investigator.body)).toBe(name);
    expect(named(viewer.body)).toBe(`${[...name][0]}${'*'.repeat([...name].length - 1)}`);
  });

  it('when a viewer reads a borrower, the graph, the evidence pack or searches, then no phone number, name or ID hash leaks', async () => {
    for (const path of [`/v1/borrowers/${member}`, `/v1/rings/${ringId}/graph`, `/v1/rings/${ringId}/evidence`, `/v1/rings/${ringId}/evidence?format=html`, `/v1/rings?limit=100`]) {
      const res = await getAs(app, 'viewer', path);
      expect(res.status).toBe(200);
      expect(res.text).not.toMatch(E164);
    }
    const borrower = await getAs(app, 'viewer', `/v1/borrowers/${member}`);
    expect(borrower.body.borrower.idNumberHash).toMatch(/^\*+$/);
    const full = await getAs(app, 'investigator', `/v1/borrowers/${member}`);
    const name = full.body.borrower.name as string;
    expect((await getAs(app, 'investigator', `/v1/search?q=${encodeURIComponent(name)}`)).body.results.length).toBeGreaterThan(0);
    expect((await getAs(app, 'viewer', `/v1/search?q=${encodeURIComponent(name)}`)).body.results).toEqual([]);
  });
});

describe('POST /v1/rings/{id}/reviews', () => {
  it('when an investigator reviews a ring, then the review is on the ring and the list, and survives a new analysis run', async () => {
    const posted = await request(app).post(`/v1/rings/${ringId}/reviews`).set('Authorization', bearer('investigator')).send({ verdict: 'confirmed', note: 'same handset files for all' });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ ringId, verdict: 'confirmed', by: expect.stringMatching(/^investigator:[0-9a-f]{12}$/) });
    expect(JSON.stringify(posted.body)).not.toContain(KEYS.investigator);

    await analyse(db);
    expect((await ringsInGraph(db)).has(ringId)).toBe(true);
    const ring = await getAs(app, 'investigator', `/v1/rings/${ringId}`);
    expect(ring.body.reviews).toEqual([posted.body]);
    const list = await getAs(app, 'investigator', '/v1/rings?limit=100');
    expect(list.body.rings.find((r: { id: string }) => r.id === ringId).review).toEqual(posted.body);
    // A note is free text and may name anyone: viewers see the verdict, not the note.
    const viewed = await getAs(app, 'viewer', `/v1/rings/${ringId}`);
    expect(viewed.body.reviews).toEqual([{ ...posted.body, note: '' }]);
  }, 120_000);

  it('when the ring is unknown, then 404; when the verdict is not one of the three, then 400 names it', async () => {
    const unknown = await request(app).post('/v1/rings/ring-nope/reviews').set('Authorization', bearer('investigator')).send({ verdict: 'dismissed' });
    expect(unknown.status).toBe(404);
    const bad = await request(app).post(`/v1/rings/${ringId}/reviews`).set('Authorization', bearer('investigator')).send({ verdict: 'guilty' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('verdict');
  });
});

describe('audit trail', () => {
  it('when requests were made, then admins read them newest first with role, fingerprint, route pattern, status and count, and no personal data', async () => {
    const phone = (await getAs(app, 'investigator', `/v1/borrowers/${member}`)).body.phones[0].number as string;
    await getAs(app, 'viewer', `/v1/phones/${encodeURIComponent(phone)}`);
    await getAs(app, null, '/v1/rings');
    const res = await getAs(app, 'admin', '/v1/audit?limit=3');
    expect(res.status).toBe(200);
    const [newest, ...rest] = res.body.events;
    expect(newest).toMatchObject({ role: 'anonymous', status: 401, method: 'GET', keyFingerprint: null });
    expect(rest[0]).toMatchObject({ role: 'viewer', route: '/v1/phones/:number', status: 200, records: expect.any(Number), keyFingerprint: expect.stringMatching(/^[0-9a-f]{12}$/) });

    const all = await getAs(app, 'admin', '/v1/audit?limit=500');
    const text = JSON.stringify(all.body);
    expect(text).not.toMatch(E164);
    for (const key of Object.values(KEYS)) expect(text).not.toContain(key);
    expect(all.body.events.some((e: { route: string; records: number }) => e.route === '/v1/rings/:id' && e.records === 1)).toBe(true);
  });

  it('when the trail is paged, then the pages join up without repeats', async () => {
    const first = await getAs(app, 'admin', '/v1/audit?limit=2');
    const second = await getAs(app, 'admin', `/v1/audit?limit=2&cursor=${first.body.nextCursor}`);
    const ids = [...first.body.events, ...second.body.events].map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(4);
    expect(second.body.events[0].at <= first.body.events[1].at).toBe(true);
  });
});

describe('rate limit', () => {
  it('when a key sends more requests than allowed in a minute, then 429 in the error shape', async () => {
    const limited = apiFor(db, { rateLimitPerMinute: 2 });
    expect((await getAs(limited, 'viewer', '/v1/search?q=zz')).status).toBe(200);
    expect((await getAs(limited, 'viewer', '/v1/search?q=zz')).status).toBe(200);
    const third = await getAs(limited, 'viewer', '/v1/search?q=zz');
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('rate_limited');
    expect((await getAs(limited, 'investigator', '/v1/search?q=zz')).status).toBe(200);
  });
});

describe('startServer', () => {
  const config = loadConfig({ LOG_LEVEL: 'silent' });

  it('when no key is configured and demo mode is off, then it refuses to start', async () => {
    await expect(startServer(config, db, { port: 0 })).rejects.toThrow(/No API key is configured/);
  });

  it('when demo mode is on, then it generates an admin key that works, and close flushes the audit trail', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => {});
    const server = await startServer(config, db, { port: 0, demo: true });
    try {
      expect(server.demoKey).toMatch(/^demo-/);
      expect(log.mock.calls.flat().join(' ')).toContain(server.demoKey!);
      const res = await request(server.url).get('/v1/audit').set('Authorization', `Bearer ${server.demoKey}`);
      expect(res.status).toBe(200);
    } finally {
      await server.close();
      log.mockRestore();
    }
    const { records } = await db.driver.executeQuery("MATCH (a:AuditEvent {route: '/v1/audit', role: 'admin'}) RETURN count(a) AS n", {}, { database: db.settings.database });
    expect(records[0]!.get('n').toNumber()).toBeGreaterThanOrEqual(1);
  });
});
