import type { Express } from 'express';
import request from 'supertest';
import { normalisePhone } from '../../src/contract/phone';
import { ingestBatch } from '../../src/ingest/ingestBatch';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { Neo4jIngestStore } from '../../src/neo4j/ingestStore';
import { generateScenario } from '../../src/scenario/generateScenario';
import { profileParams } from '../../src/scenario/profiles';
import { apiFor } from './support/apiScenario';
import { analyseWithAlerts } from './support/liveAnalysis';
import { bearer } from './support/apiKeys';
import { openTestDatabase } from './support/testDatabase';
import { personalValues, readAs, scanPages } from './support/personalValues';

/**
 * Alerts and cases hold what viewers must not see: phones among a ring's new tools, and
 * investigators' notes, which quote names and numbers. A viewer reads every alert and case
 * page of the field scenario, after a dismissed ring came back through a borrower's phone
 * and an investigator wrote a borrower's name and number into a note, and finds none of the
 * scenario's names, phone numbers or id hashes; an investigator reading the same pages does.
 */

let db: GraphDatabase;
let app: Express;
const scenario = generateScenario(profileParams('field', 2500, 4));
let personal = new Set<string>();
const read = (role: 'viewer' | 'investigator', path: string) => readAs(app, role, path);

beforeAll(async () => {
  db = await openTestDatabase();
  personal = personalValues(scenario.evidence);
  await ingestBatch(new Neo4jIngestStore(db), scenario.evidence);
  await analyseWithAlerts(db);
  app = apiFor(db);

  // A ring an agent's phone ties together is dismissed, then comes back: two newcomers on that
  // phone, reached through one borrower's own number too, which becomes one of its tools.
  // The largest such ring, so that two newcomers join it rather than merge it into another.
  const alerts = (JSON.parse(await read('investigator', '/v1/alerts?limit=100')).alerts as { ringId: string; ring: { size: number } }[]).sort((a, b) => b.ring.size - a.ring.size);
  const actingPhone = (ring: { tools: { kind: string; id: string; usages: string[] }[] }) => ring.tools.find((t) => t.kind === 'phone' && t.usages.some((u) => u === 'complaintPhone' || u === 'callPhone'))?.id;
  let target: { ringId: string } | undefined;
  let ring: { members: { borrowerId: string }[]; tools: { kind: string; id: string; usages: string[] }[] } | undefined;
  for (const alert of alerts) {
    ring = JSON.parse(await read('investigator', `/v1/rings/${alert.ringId}`));
    if (actingPhone(ring!)) {
      target = alert;
      break;
    }
  }
  const agentPhone = actingPhone(ring!)!;
  expect((await request(app).post(`/v1/rings/${target!.ringId}/reviews`).set('Authorization', bearer('investigator')).send({ verdict: 'dismissed' })).status).toBe(201);
  const outsider = scenario.evidence.borrowers.find((b) => !ring!.members.some((m) => m.borrowerId === b.id) && b.name)!;
  const phone = normalisePhone(scenario.evidence.phoneLinks.find((l) => l.borrowerId === outsider.id && l.role === 'registered')!.phone)!;
  const newcomers = ['b-privacy-1', 'b-privacy-2'];
  await ingestBatch(new Neo4jIngestStore(db), {
    borrowers: newcomers.map((id) => ({ id, registeredAt: '2024-05-01T00:00:00Z', overdueDays: 40 })),
    phoneLinks: newcomers.flatMap((borrowerId) => [{ borrowerId, phone, role: 'contact' as const }, { borrowerId, phone: agentPhone, role: 'contact' as const }]),
    calls: newcomers.flatMap((borrowerId, i) => [
      { id: `call-privacy-${i}`, borrowerId, phone: agentPhone, at: '2024-11-03T10:00:00Z', voiceMatch: false, identityVerified: false },
      { id: `call-privacy-own-${i}`, borrowerId, phone, at: '2024-11-03T11:00:00Z', voiceMatch: false, identityVerified: false },
    ]),
    complaints: newcomers.map((borrowerId, i) => ({ id: `cmp-privacy-${i}`, borrowerId, channelId: 'ch-reg-nfra', filedAt: '2024-11-04T10:00:00Z', phone, claim: 'violent_collection', text: `${outsider.name}的电话` })),
  });
  await analyseWithAlerts(db);
  const cases = JSON.parse(await read('investigator', '/v1/cases?limit=100')).cases as { id: string }[];
  for (const c of cases.slice(0, 3)) {
    const note = `Called ${outsider.name} on ${phone}; id ${outsider.idNumberHash}`;
    expect((await request(app).patch(`/v1/cases/${c.id}`).set('Authorization', bearer('investigator')).send({ note, assignee: 'li.wei' })).status).toBe(200);
  }
}, 300_000);
afterAll(() => db.close());

describe('When a viewer reads every alert and case page', () => {
  test('then no name, phone number or id hash of the scenario appears, while an investigator sees them in notes and new tools', async () => {
    const alertIds = JSON.parse(await read('investigator', '/v1/alerts?limit=100')).alerts.map((a: { id: string }) => a.id) as string[];
    const caseIds = JSON.parse(await read('investigator', '/v1/cases?limit=100')).cases.map((c: { id: string }) => c.id) as string[];
    const kinds = JSON.parse(await read('investigator', '/v1/alerts?limit=100')).alerts.map((a: { kind: string }) => a.kind);
    expect(kinds).toContain('reviewedRingChanged');
    const paths = [
      '/v1/alerts?limit=100',
      '/v1/alerts?kind=reviewedRingChanged',
      '/v1/cases?limit=100',
      '/v1/cases?assignee=li.wei',
      ...alertIds.map((id) => `/v1/alerts/${encodeURIComponent(id)}`),
      ...caseIds.map((id) => `/v1/cases/${encodeURIComponent(id)}`),
    ];
    expect(paths.length).toBeGreaterThan(10);
    const { leaks, investigatorSaw } = await scanPages(app, personal, paths);
    expect(leaks).toEqual([]);
    expect(investigatorSaw).toBeGreaterThan(5);
  }, 300_000);
});
