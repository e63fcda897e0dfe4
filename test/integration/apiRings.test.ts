import type { Express } from 'express';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { apiFor, getAs, openAnalysedScenario, ringsInGraph } from './support/apiScenario';

let db: GraphDatabase;
let app: Express;
let rings: Map<string, { score: number; members: string[] }>;
let topRing: string;

beforeAll(async () => {
  db = await openAnalysedScenario();
  app = apiFor(db);
  rings = await ringsInGraph(db);
  topRing = [...rings.entries()].sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1))[0]![0];
}, 180_000);
afterAll(() => db.close());

async function walk<T>(path: (cursor: string | null) => string, key: string): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await getAs(app, 'investigator', path(cursor));
    expect(res.status).toBe(200);
    items.push(...(res.body[key] as T[]));
    cursor = res.body.nextCursor;
    pages++;
  } while (cursor && pages < 1000);
  return { items, pages };
}

describe('GET /v1/rings', () => {
  it('when the rings are listed, then they come by score, then id, with tools and no review yet', async () => {
    const res = await getAs(app, 'investigator', '/v1/rings?limit=100');
    expect(res.status).toBe(200);
    const listed = res.body.rings as { id: string; score: number; tools: unknown[]; review: unknown }[];
    expect(listed.length).toBe(Math.min(100, rings.size));
    const expected = [...rings.entries()].sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
    expect(listed.map((r) => r.id)).toEqual(expected.slice(0, listed.length));
    expect(listed[0]!.tools.length).toBeGreaterThan(0);
    expect(listed[0]!.tools.length).toBeLessThanOrEqual(3);
    expect(listed[0]!.review).toBeNull();
  });

  it('when the cursor is followed page by page, then every ring comes exactly once', async () => {
    const { items, pages } = await walk<{ id: string }>((c) => `/v1/rings?limit=2${c ? `&cursor=${c}` : ''}`, 'rings');
    expect(pages).toBeGreaterThan(1);
    expect(items.map((r) => r.id).sort()).toEqual([...rings.keys()].sort());
  });

  it('when minScore is set, then only rings scoring at least that are listed', async () => {
    const cut = [...rings.values()].map((r) => r.score).sort((a, b) => b - a)[1]!;
    const res = await getAs(app, 'investigator', `/v1/rings?minScore=${cut}`);
    expect(res.body.rings.length).toBe([...rings.values()].filter((r) => r.score >= cut).length);
  });

  it.each([['minScore=abc'], ['limit=0'], ['limit=1000'], ['cursor=garbage'], ['colour=red']])('when the query has %s, then 400 names the parameter', async (query) => {
    const res = await getAs(app, 'investigator', `/v1/rings?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toMatch(/^(query|cursor)/);
  });
});

describe('GET /v1/rings/{id}', () => {
  it('when a ring is read, then score, signals, members, tools, timeline, channels, amounts, run and lineage agree with the graph', async () => {
    const res = await getAs(app, 'investigator', `/v1/rings/${topRing}`);
    expect(res.status).toBe(200);
    const ring = res.body;
    expect(ring.score).toBeCloseTo(rings.get(topRing)!.score, 10);
    const contributions = ring.signals.reduce((sum: number, s: { contribution: number }) => sum + s.contribution, 0);
    expect(contributions).toBeCloseTo(ring.score, 6);
    expect(ring.members.map((m: { borrowerId: string }) => m.borrowerId).sort()).toEqual(rings.get(topRing)!.members);
    expect(ring.tools.length).toBeGreaterThan(0);
    const times = ring.timeline.map((e: { at: string }) => e.at);
    expect([...times].sort()).toEqual(times);
    expect(ring.channels.length).toBeGreaterThan(0);
    expect(ring.amounts.outstandingPrincipal.total).toBeGreaterThan(0);
    expect(ring.run.id).toMatch(/^run-/);
    expect(ring.lineage).toMatchObject({ keptId: expect.any(Boolean) });
  });

  it('when the ring does not exist, then 404 names it', async () => {
    const res = await getAs(app, 'investigator', '/v1/rings/ring-nope');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('ring-nope');
  });
});

describe('GET /v1/rings/{id}/members', () => {
  it('when members are paged two at a time, then the walk gives every member of the ring once', async () => {
    const { items } = await walk<{ borrowerId: string }>((c) => `/v1/rings/${topRing}/members?limit=2${c ? `&cursor=${c}` : ''}`, 'members');
    expect(items.map((m) => m.borrowerId).sort()).toEqual(rings.get(topRing)!.members);
  });

  it('when the ring is unknown, then 404', async () => {
    expect((await getAs(app, 'investigator', '/v1/rings/ring-nope/members')).status).toBe(404);
  });
});

describe('GET /v1/rings/{id}/graph', () => {
  it('when the graph is read, then every edge joins two listed nodes and every member is a node tied to the ring', async () => {
    const res = await getAs(app, 'investigator', `/v1/rings/${topRing}/graph`);
    expect(res.status).toBe(200);
    const ids = new Set(res.body.nodes.map((n: { id: string }) => n.id));
    expect(ids.size).toBe(res.body.nodes.length);
    for (const e of res.body.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    const memberEdges = res.body.edges.filter((e: { type: string }) => e.type === 'MEMBER_OF').map((e: { source: string }) => e.source.replace('Borrower:', ''));
    expect(memberEdges.sort()).toEqual(rings.get(topRing)!.members);
    const types = new Set(res.body.nodes.map((n: { type: string }) => n.type));
    for (const type of ['Ring', 'Borrower', 'Phone', 'Device', 'Complaint', 'Call', 'Voiceprint', 'ComplaintChannel']) expect(types).toContain(type);
    expect(res.body.nodes.length).toBeLessThanOrEqual(res.body.maxNodes);
  });
});

describe('GET /v1/rings/{id}/evidence', () => {
  it('when the pack is asked for as JSON, then it names exactly the ring\'s members in the graph and lists the failed checks', async () => {
    const res = await getAs(app, 'investigator', `/v1/rings/${topRing}/evidence`);
    expect(res.status).toBe(200);
    expect(res.body.members.map((m: { borrowerId: string }) => m.borrowerId).sort()).toEqual(rings.get(topRing)!.members);
    expect(res.body.scoreExplanation).toContain(res.body.score.toFixed(2));
    for (const call of res.body.voiceMismatches) expect(call.voiceMatch).toBe(false);
    for (const call of res.body.failedIdentityChecks) expect(call.identityVerified).toBe(false);
    expect(res.body.run.id).toMatch(/^run-/);
  });

  it('when the pack is asked for as HTML, then it is a printable page naming every member, with values escaped', async () => {
    await db.driver.executeQuery(
      "MATCH (r:Ring {id: $id})<-[:MEMBER_OF]-(b:Borrower) WITH b LIMIT 1 MATCH (b)-[:FILED]->(c:Complaint) SET c.text = '<script>alert(1)</script>'",
      { id: topRing },
      { database: db.settings.database },
    );
    const viaAccept = await getAs(app, 'investigator', `/v1/rings/${topRing}/evidence`).set('Accept', 'text/html');
    const viaQuery = await getAs(app, 'investigator', `/v1/rings/${topRing}/evidence?format=html`);
    for (const res of [viaAccept, viaQuery]) {
      expect(res.status).toBe(200);
      expect(res.type).toBe('text/html');
      for (const member of rings.get(topRing)!.members) expect(res.text).toContain(member);
      expect(res.text).not.toContain('<script>');
    }
  });
});
