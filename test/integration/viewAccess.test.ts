import { Writable } from 'node:stream';
import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { bearer, KEYS } from './support/apiKeys';
import { apiFor, getAs, openAnalysedScenario, ringsInGraph } from './support/apiScenario';

/**
 * How a browser gets into the ring view, over HTTP: single-use links, the sign-in form,
 * the session cookie (reads only), the pages, and what ends up in logs and the audit.
 */

let db: GraphDatabase;
let app: Express;
let ringId: string;
let logs = '';

beforeAll(async () => {
  db = await openAnalysedScenario();
  const sink = new Writable({ write: (chunk, _enc, done) => void ((logs += String(chunk)), done()) });
  app = apiFor(db, { logger: pino({ level: 'info' }, sink) });
  const rings = await ringsInGraph(db);
  ringId = [...rings.entries()].sort((a, b) => b[1].score - a[1].score)[0]![0];
}, 180_000);
afterAll(() => db.close());

const linkFor = async (role: keyof typeof KEYS, body: object = { ringId }) => {
  const res = await request(app).post('/v1/view-links').set('Authorization', bearer(role)).send(body);
  expect(res.status).toBe(201);
  return res.body as { url: string; expiresAt: string };
};
const pathOf = (url: string) => url.slice(url.indexOf('/view/'));
const cookieOf = (res: request.Response) => String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]!;

async function signedIn(role: keyof typeof KEYS): Promise<string> {
  const enter = await request(app).get(pathOf((await linkFor(role)).url));
  return cookieOf(enter);
}

describe('single-use links into the ring view', () => {
  it('when a link is opened, then the browser gets an HttpOnly session cookie and is sent to the ring view at a clean URL', async () => {
    const { url, expiresAt } = await linkFor('viewer');
    expect(url).toMatch(/\/view\/enter\?ticket=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(url).not.toContain(KEYS.viewer);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);
    const enter = await request(app).get(pathOf(url));
    expect(enter.status).toBe(303);
    expect(enter.headers.location).toBe(`/v1/rings/${ringId}/view`);
    expect(enter.headers['set-cookie']![0]).toMatch(/^ringsight_session=[A-Za-z0-9_-]{43}; Max-Age=28800; Path=\/; Expires=.+; HttpOnly; SameSite=Lax$/);
    const page = await request(app).get(enter.headers.location!).set('Cookie', cookieOf(enter));
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.text).toContain(`data-ring-id="${ringId}"`);
  });

  it('when a link is opened a second time, then it signs nobody in and says so', async () => {
    const { url } = await linkFor('viewer');
    expect((await request(app).get(pathOf(url))).status).toBe(303);
    const again = await request(app).get(pathOf(url));
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.text).toContain('expired or was already used');
  });

  it('when a link is asked for an unknown ring, or without a key, then 404 and 401', async () => {
    expect((await request(app).post('/v1/view-links').set('Authorization', bearer('viewer')).send({ ringId: 'ring-nope' })).status).toBe(404);
    expect((await request(app).post('/v1/view-links').send({})).status).toBe(401);
  });

  it('when a link is asked for without a ring, then it leads to the ranked list', async () => {
    const enter = await request(app).get(pathOf((await linkFor('investigator', {})).url));
    expect(enter.headers.location).toBe('/v1/rings?format=html');
  });
});

describe('the session cookie', () => {
  it('when a viewer session reads the API, then it gets masked data, as the viewer key would', async () => {
    const cookie = await signedIn('viewer');
    const ring = await request(app).get(`/v1/rings/${ringId}`).set('Cookie', cookie);
    expect(ring.status).toBe(200);
    expect(ring.body.maskedPersonalData).toBe(true);
    expect(JSON.stringify(ring.body)).not.toMatch(/\+\d{9,}/);
  });

  it('when a session tries to write (a review), then it is refused: the cookie only reads', async () => {
    const cookie = await signedIn('admin');
    const res = await request(app).post(`/v1/rings/${ringId}/reviews`).set('Cookie', cookie).send({ verdict: 'confirmed' });
    expect(res.status).toBe(401);
  });

  it('when the session is signed out, then the cookie no longer opens pages', async () => {
    const cookie = await signedIn('viewer');
    const out = await request(app).post('/view/sign-out').set('Cookie', cookie);
    expect(out.status).toBe(303);
    const after = await request(app).get(`/v1/rings/${ringId}`).set('Cookie', cookie);
    expect(after.status).toBe(401);
  });

  it('when a browser opens a page without a session, then it gets the sign-in form (401), and API clients still get JSON', async () => {
    const page = await request(app).get(`/v1/rings/${ringId}/view`).set('Sec-Fetch-Dest', 'document');
    expect(page.status).toBe(401);
    expect(page.type).toBe('text/html');
    expect(page.text).toContain('name="next" value="/v1/rings/');
    const api = await request(app).get(`/v1/rings/${ringId}/view`);
    expect(api.status).toBe(401);
    expect(api.body.error.code).toBe('unauthenticated');
  });
});

describe('the sign-in form', () => {
  it('when a valid key is posted, then a session starts and the browser goes where it was headed', async () => {
    const res = await request(app).post('/view/sign-in').type('form').send({ key: KEYS.investigator, next: `/v1/rings/${ringId}/view` });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/v1/rings/${ringId}/view`);
    const list = await request(app).get('/v1/rings?format=html').set('Cookie', cookieOf(res));
    expect(list.status).toBe(200);
    expect(list.text).toContain(`href="/v1/rings/${ringId}/view"`);
  });

  it('when a wrong key is posted, or next points at another site, then no session starts, and next stays on this server', async () => {
    const wrong = await request(app).post('/view/sign-in').type('form').send({ key: 'not-a-key-of-ours-at-all', next: '/v1/rings' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const away = await request(app).post('/view/sign-in').type('form').send({ key: KEYS.viewer, next: 'https://evil.example/' });
    expect(away.headers.location).toBe('/v1/rings?format=html');
  });

  it('when the form is posted from another site, then 403', async () => {
    const res = await request(app).post('/view/sign-in').set('Sec-Fetch-Site', 'cross-site').type('form').send({ key: KEYS.viewer });
    expect(res.status).toBe(403);
  });
});

describe('pages and assets', () => {
  it('when the bundled script and style are fetched, then they are served from this server with an ETag', async () => {
    const js = await request(app).get('/view/assets/ringView.js');
    expect(js.status).toBe(200);
    expect(js.type).toBe('text/javascript');
    expect(js.text.length).toBeGreaterThan(50_000);
    expect((await request(app).get('/view/assets/ringView.js').set('If-None-Match', js.headers.etag!)).status).toBe(304);
    expect((await request(app).get('/view/assets/ringsight.css')).type).toBe('text/css');
    expect((await request(app).get('/view/assets/nothing.js')).status).toBe(404);
  });

  it('when the ring list is asked for as HTML by a viewer, then names and phone numbers are masked there too', async () => {
    const res = await getAs(app, 'viewer', '/v1/rings?format=html&limit=100');
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/\+\d{9,}/);
    expect(res.text).toContain('names and phone numbers masked');
  });

  it('when the evidence pack is printed, then its first page holds the ring as an SVG graph', async () => {
    const res = await getAs(app, 'investigator', `/v1/rings/${ringId}/evidence?format=html`);
    const svg = res.text.indexOf('<svg');
    expect(svg).toBeGreaterThan(0);
    expect(svg).toBeLessThan(res.text.indexOf('<h2>Why this ring scores'));
    const members = (await ringsInGraph(db)).get(ringId)!.members.length;
    expect(res.text.slice(svg).match(/<circle [^>]*fill="#d7301f"[^>]*><title>Borrower /g)!.length + (res.text.slice(svg).match(/<circle [^>]*fill="#f5a623"[^>]*><title>Borrower /g)?.length ?? 0)).toBe(members);
  });
});

describe('what is written down', () => {
  it('when links and sign-ins were used, then neither logs nor the audit trail hold a ticket or a key, and the audit records the sign-ins', async () => {
    const { url } = await linkFor('viewer');
    await request(app).get(pathOf(url));
    await request(app).post('/view/sign-in').type('form').send({ key: KEYS.viewer });
    await new Promise((r) => setTimeout(r, 1500));
    const audit = await getAs(app, 'admin', '/v1/audit?limit=500');
    const ticket = url.slice(url.indexOf('ticket=') + 7);
    expect(logs).toContain('/view/enter');
    for (const text of [logs, JSON.stringify(audit.body)]) {
      expect(text).not.toContain(ticket);
      expect(text).not.toContain(ticket.split('.')[1]);
      for (const key of Object.values(KEYS)) expect(text).not.toContain(key);
    }
    const routes = (audit.body.events as { route: string; role: string }[]).map((e) => `${e.route} ${e.role}`);
    expect(routes).toContain('/view/enter viewer');
    expect(routes).toContain('/view/sign-in viewer');
  });
});
