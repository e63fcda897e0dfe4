import type { Express } from 'express';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { apiFor, getAs, openAnalysedScenario, ringsInGraph } from './support/apiScenario';

let db: GraphDatabase;
let app: Express;
let ringId: string;
let member: string;
let toolPhone: string;
let toolDevice: string | undefined;

async function query<T>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const { records } = await db.driver.executeQuery(cypher, params, { database: db.settings.database });
  return records.map((r) => r.toObject() as T);
}

beforeAll(async () => {
  db = await openAnalysedScenario();
  app = apiFor(db);
  const [phoneTool] = await query<{ ring: string; phone: string; member: string }>(
    'MATCH (r:Ring)-[:USES_TOOL]->(p:Phone)<-[:HAS_PHONE]-(b:Borrower)-[:MEMBER_OF]->(r) RETURN r.id AS ring, p.number AS phone, b.id AS member ORDER BY r.score DESC, b.id LIMIT 1',
  );
  ringId = phoneTool!.ring;
  member = phoneTool!.member;
  toolPhone = phoneTool!.phone;
  toolDevice = (await query<{ d: string }>('MATCH (:Ring {id: $id})-[:USES_TOOL]->(d:Device) RETURN d.id AS d LIMIT 1', { id: ringId }))[0]?.d;
  expect((await ringsInGraph(db)).get(ringId)!.members).toContain(member);
}, 180_000);
afterAll(() => db.close());

describe('GET /v1/borrowers/{id}', () => {
  it('when a ring member is read, then their identifiers, ring and evidence paths through the ring\'s tools are shown', async () => {
    const res = await getAs(app, 'investigator', `/v1/borrowers/${member}`);
    expect(res.status).toBe(200);
    expect(res.body.borrower.id).toBe(member);
    expect(res.body.phones.map((p: { number: string }) => p.number)).toContain(toolPhone);
    expect(res.body.rings.map((r: { ringId: string }) => r.ringId)).toEqual([ringId]);
    const paths = res.body.evidencePaths as { ringId: string; nodes: { id: string }[]; edges: { source: string; target: string }[] }[];
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      expect(path.ringId).toBe(ringId);
      expect(path.nodes[0]!.id).toBe(`Borrower:${member}`);
      expect(path.nodes.at(-1)!.id).toBe(`Ring:${ringId}`);
      expect(path.edges.length).toBe(path.nodes.length - 1);
    }
    expect(paths.some((p) => p.nodes.some((n) => n.id === `Phone:${toolPhone}`))).toBe(true);
  });

  it('when the borrower is unknown, then 404', async () => {
    expect((await getAs(app, 'investigator', '/v1/borrowers/nobody')).status).toBe(404);
  });
});

describe('GET /v1/phones/{number}', () => {
  it('when the number is written in any accepted format, then the same phone is found with its borrowers and ring', async () => {
    const national = toolPhone.replace(/^\+86(\d{3})(\d{4})(\d{4})$/, '$1 $2 $3');
    const answers = await Promise.all([toolPhone, national, toolPhone.replace('+', '00')].map((n) => getAs(app, 'investigator', `/v1/phones/${encodeURIComponent(n)}`)));
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(res.body.identifier).toEqual({ kind: 'phone', id: toolPhone });
    }
    const body = answers[0]!.body;
    expect(body.borrowers.map((b: { borrowerId: string }) => b.borrowerId)).toContain(member);
    expect(body.rings.find((r: { ringId: string }) => r.ringId === ringId)).toMatchObject({ toolRank: expect.any(Number) });
    expect(body.evidencePaths.every((p: { nodes: { id: string }[] }) => p.nodes[0]!.id === `Phone:${toolPhone}`)).toBe(true);
  });

  it('when the number is not a valid phone number, then 400; when nobody has it, then 404', async () => {
    const invalid = await getAs(app, 'investigator', '/v1/phones/12000000000');
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details[0].path).toBe('number');
    expect((await getAs(app, 'investigator', '/v1/phones/13800000001')).status).toBe(404);
  });
});

describe('GET /v1/devices/{id}', () => {
  it('when a ring\'s device is read, then its borrowers and the ring are shown', async () => {
    expect(toolDevice).toBeDefined();
    const res = await getAs(app, 'investigator', `/v1/devices/${toolDevice}`);
    expect(res.status).toBe(200);
    expect(res.body.rings.map((r: { ringId: string }) => r.ringId)).toContain(ringId);
    expect(res.body.borrowers.length).toBeGreaterThan(0);
    expect((await getAs(app, 'investigator', '/v1/devices/no-such-device')).status).toBe(404);
  });
});

describe('GET /v1/search', () => {
  it('when searching by borrower id, phone in any format or device id, then the entity is found with its rings', async () => {
    const byId = await getAs(app, 'investigator', `/v1/search?q=${member}`);
    expect(byId.body.results[0]).toMatchObject({ type: 'borrower', id: member, match: 'id', ringIds: [ringId] });
    const byPhone = await getAs(app, 'investigator', `/v1/search?q=${encodeURIComponent(toolPhone.slice(3))}`);
    expect(byPhone.body.results[0]).toMatchObject({ type: 'phone', id: toolPhone, ringIds: expect.arrayContaining([ringId]) });
    expect((await getAs(app, 'investigator', `/v1/search?q=${toolDevice}`)).body.results[0]).toMatchObject({ type: 'device', id: toolDevice });
  });

  it('when a common name part is searched, then results are bounded by the limit', async () => {
    const name = (await query<{ name: string }>('MATCH (b:Borrower) WHERE b.name IS NOT NULL RETURN b.name AS name LIMIT 1'))[0]!.name;
    const res = await getAs(app, 'investigator', `/v1/search?q=${encodeURIComponent([...name].slice(0, 2).join(''))}&limit=3`);
    expect(res.status).toBe(200);
    expect(res.body.results.length).toBeGreaterThan(0);
    expect(res.body.results.length).toBeLessThanOrEqual(3);
  });

  it('when the query is missing or too short, then 400 names q', async () => {
    for (const path of ['/v1/search', '/v1/search?q=a']) {
      const res = await getAs(app, 'investigator', path);
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe('query.q');
    }
  });
});
