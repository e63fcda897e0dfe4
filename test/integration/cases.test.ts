import type { Express } from 'express';
import request from 'supertest';
import { ingestBatch } from '../../src/ingest/ingestBatch';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { Neo4jIngestStore } from '../../src/neo4j/ingestStore';
import { generateScenario } from '../../src/scenario/generateScenario';
import { bearer } from './support/apiKeys';
import { apiFor, getAs, ringsInGraph } from './support/apiScenario';
import { analyseWithAlerts } from './support/liveAnalysis';
import { responseErrors } from './support/openApiResponses';
import { openTestDatabase } from './support/testDatabase';

/**
 * Alerts open cases, investigators work them, and the cases with their verdicts outlive
 * re-analysis and re-ingest; a dismissed ring that comes back with new evidence reopens.
 * Everything goes through the HTTP API, checked against the OpenAPI document.
 */

let db: GraphDatabase;
let app: Express;
const scenario = generateScenario({ borrowers: 2500, seed: 3 });

const patch = (role: 'viewer' | 'investigator' | 'admin', id: string, body: object) => request(app).patch(`/v1/cases/${encodeURIComponent(id)}`).set('Authorization', bearer(role)).send(body);
const alerts = async (query = 'limit=100') => (await getAs(app, 'investigator', `/v1/alerts?${query}`)).body.alerts as { id: string; kind: string; ringId: string; caseId: string; status: string; occurrences: number; change: Record<string, unknown> }[];
const caseOf = async (id: string) => (await getAs(app, 'investigator', `/v1/cases/${encodeURIComponent(id)}`)).body;

beforeAll(async () => {
  db = await openTestDatabase();
  await ingestBatch(new Neo4jIngestStore(db), scenario.evidence);
  await analyseWithAlerts(db);
  app = apiFor(db);
}, 180_000);
afterAll(() => db.close());

describe('When the first analysis with alerts has run', () => {
  test('then every suspected ring has one open newSuspectedRing alert with an open case, and a second run on the same data raises nothing', async () => {
    const suspected = [...(await ringsInGraph(db)).keys()].length;
    const res = await getAs(app, 'viewer', '/v1/alerts?limit=100');
    expect(res.status).toBe(200);
    expect(responseErrors('get', '/v1/alerts', res)).toEqual([]);
    const first = res.body.alerts as { kind: string; caseId: string; ringId: string; raisedAt: string; summary: string }[];
    expect(first.length).toBeGreaterThan(3);
    expect(first.length).toBeLessThanOrEqual(suspected);
    expect(new Set(first.map((a) => a.kind))).toEqual(new Set(['newSuspectedRing']));
    expect(new Set(first.map((a) => a.ringId)).size).toBe(first.length);
    expect(first[0]!.summary).toMatch(/^New suspected gang ring-/);
    const cases = await getAs(app, 'viewer', '/v1/cases?status=open&limit=100');
    expect(responseErrors('get', '/v1/cases', cases)).toEqual([]);
    expect(cases.body.cases.map((c: { id: string }) => c.id).sort()).toEqual(first.map((a) => a.caseId).sort());

    const before = new Date().toISOString();
    await analyseWithAlerts(db);
    expect(await alerts(`since=${encodeURIComponent(before)}`)).toEqual([]);
    expect((await alerts()).every((a) => a.occurrences === 1)).toBe(true);
  }, 120_000);
});

describe('When an incremental run re-examines only part of the graph', () => {
  test('then the rings it left standing stay in what the alerts saw, and raise nothing', async () => {
    const rings = await ringsInGraph(db);
    const [ringId, { members }] = [...rings.entries()][0]!;
    const before = new Date().toISOString();
    // A re-sent borrower record is a write about that member alone: only its component is re-examined.
    const borrower = scenario.evidence.borrowers.find((b) => b.id === members[0])!;
    await ingestBatch(new Neo4jIngestStore(db), { borrowers: [borrower] });
    const run = await analyseWithAlerts(db);
    expect(run.scope).toMatchObject({ mode: 'incremental', touchedBorrowers: 1, analysedComponents: 1 });
    expect(run.scope.keptRings).toBeGreaterThan(0);
    const { records } = await db.driver.executeQuery('MATCH (s:RingSnapshot) RETURN s.id AS id ORDER BY id', {}, { database: db.settings.database });
    const seen = records.map((r) => r.get('id') as string);
    const inGraph = (await db.driver.executeQuery('MATCH (r:Ring) RETURN r.id AS id ORDER BY id', {}, { database: db.settings.database })).records.map((r) => r.get('id') as string);
    expect(seen).toEqual(inGraph);
    expect(seen).toContain(ringId);
    expect(await alerts(`since=${encodeURIComponent(before)}`)).toEqual([]);
  }, 120_000);
});

describe('When an investigator works a case', () => {
  test('then status, assignee and note are in its history, its alerts close, and the verdict is the ring\'s review too', async () => {
    const [alert] = await alerts('limit=1');
    const started = await patch('investigator', alert!.caseId, { status: 'investigating', assignee: 'li.wei' });
    expect(started.status).toBe(200);
    expect(responseErrors('patch', '/v1/cases/{id}', started)).toEqual([]);
    expect(started.body).toMatchObject({ status: 'investigating', assignee: 'li.wei', openAlerts: 0, ring: { id: alert!.ringId } });
    expect(started.body.history.map((e: { kind: string }) => e.kind)).toEqual(['assigned', 'status', 'opened']);
    expect((await getAs(app, 'viewer', `/v1/alerts/${alert!.id}`)).body.status).toBe('closed');
    const mine = await getAs(app, 'viewer', '/v1/cases?assignee=li.wei');
    expect(mine.body.cases.map((c: { id: string }) => c.id)).toEqual([alert!.caseId]);

    const confirmed = await patch('investigator', alert!.caseId, { status: 'confirmed', note: 'same handset filed for all of them', ifVersion: started.body.version });
    expect(confirmed.status).toBe(200);
    const ring = await getAs(app, 'investigator', `/v1/rings/${alert!.ringId}`);
    expect(ring.body.reviews[0]).toMatchObject({ verdict: 'confirmed', note: 'same handset filed for all of them', by: expect.stringMatching(/^investigator:/) });
    const audit = await getAs(app, 'admin', '/v1/audit?limit=50');
    expect(audit.body.events).toContainEqual(expect.objectContaining({ method: 'PATCH', route: '/v1/cases/:id', status: 200, role: 'investigator' }));
  });

  test('then the case and its verdict survive the same data ingested again and analysed again, under the same ring id', async () => {
    const confirmed = (await getAs(app, 'viewer', '/v1/cases?status=confirmed')).body.cases[0];
    await ingestBatch(new Neo4jIngestStore(db), scenario.evidence);
    await analyseWithAlerts(db);
    const after = await caseOf(confirmed.id);
    expect(after).toMatchObject({ status: 'confirmed', ringId: confirmed.ringId, assignee: 'li.wei', ring: { id: confirmed.ringId } });
    expect((await alerts('status=open&limit=100')).filter((a) => a.caseId === confirmed.id)).toEqual([]);
    expect((await getAs(app, 'viewer', `/v1/rings/${confirmed.ringId}`)).body.reviews[0].verdict).toBe('confirmed');
  }, 120_000);
});

describe('When a dismissed ring comes back with new evidence', () => {
  test('then a reviewedRingChanged alert names what is new and the case is open again', async () => {
    const open = await alerts('status=open&limit=100');
    const target = open.find((a) => a.kind === 'newSuspectedRing')!;
    // The review endpoint, as before cases: it is the case's verdict now.
    const review = await request(app).post(`/v1/rings/${target.ringId}/reviews`).set('Authorization', bearer('investigator')).send({ verdict: 'dismissed', note: 'a family' });
    expect(review.status).toBe(201);
    expect(await caseOf(target.caseId)).toMatchObject({ status: 'dismissed', openAlerts: 0 });

    const ring = (await getAs(app, 'investigator', `/v1/rings/${target.ringId}`)).body;
    const phone = ring.tools.find((t: { kind: string; usages: string[] }) => t.kind === 'phone' && t.usages.some((u) => u === 'complaintPhone' || u === 'callPhone')).id;
    const device = ring.tools.find((t: { kind: string }) => t.kind === 'device')?.id ?? 'dev-live-new';
    const newcomers = ['b-live-0001', 'b-live-0002'];
    await ingestBatch(new Neo4jIngestStore(db), {
      borrowers: newcomers.map((id) => ({ id, name: '新成员', registeredAt: '2024-05-01T00:00:00Z', overdueDays: 40, outstandingPrincipal: 9000 })),
      phoneLinks: newcomers.map((borrowerId) => ({ borrowerId, phone, role: 'contact' as const })),
      deviceLinks: newcomers.map((borrowerId) => ({ borrowerId, deviceId: device, seenAt: '2024-11-02T10:00:00Z' })),
      calls: newcomers.map((borrowerId, i) => ({ id: `call-live-${i}`, borrowerId, phone, at: '2024-11-03T10:00:00Z', voiceMatch: false, identityVerified: false })),
      complaints: newcomers.map((borrowerId, i) => ({ id: `cmp-live-${i}`, borrowerId, channelId: 'ch-reg-nfra', filedAt: '2024-11-04T10:00:00Z', phone, deviceId: device, claim: 'violent_collection', text: '暴力催收' })),
    });
    await analyseWithAlerts(db);

    const changed = (await alerts('kind=reviewedRingChanged')).find((a) => a.caseId === target.caseId)!;
    expect(changed).toMatchObject({ status: 'open', ringId: target.ringId, change: { verdict: 'dismissed', reopened: true, newMemberIds: newcomers } });
    expect(changed.change.newComplaints).toBeGreaterThanOrEqual(2);
    const reopened = await caseOf(target.caseId);
    expect(reopened).toMatchObject({ status: 'open', reopened: 1, openAlerts: 1 });
    expect(reopened.history[1]).toMatchObject({ kind: 'reopened', by: 'system', newMembers: newcomers });
  }, 120_000);
});

describe('When a change to a case is not allowed', () => {
  test('then it is refused, saying why, and the case is unchanged', async () => {
    const [target] = (await getAs(app, 'viewer', '/v1/cases?status=open&limit=1')).body.cases;
    expect((await patch('investigator', target.id, { status: 'closed' })).status).toBe(200);
    const refused = await patch('investigator', target.id, { status: 'confirmed' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'invalid_transition', details: [{ path: 'status' }] });
    // A verdict on the ring of a closed case is refused the same way, as the API document says.
    const review = await request(app).post(`/v1/rings/${encodeURIComponent(target.ringId)}/reviews`).set('Authorization', bearer('investigator')).send({ verdict: 'dismissed' });
    expect(review.status).toBe(409);
    expect(review.body.error.code).toBe('invalid_transition');
    expect(responseErrors('post', '/v1/rings/{id}/reviews', review)).toEqual([]);
    const stale = await patch('investigator', target.id, { note: 'late', ifVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('case_changed');
    expect((await patch('investigator', target.id, {})).status).toBe(400);
    expect((await patch('investigator', target.id, { assignee: 'not a user name!' })).body.error.details[0].path).toBe('assignee');
    expect((await patch('viewer', target.id, { status: 'open' })).status).toBe(403);
    expect((await patch('investigator', 'case-nope', { status: 'open' })).status).toBe(404);
    expect((await getAs(app, 'viewer', '/v1/cases/case-nope')).status).toBe(404);
    expect((await caseOf(target.id)).status).toBe('closed');
  });
});
