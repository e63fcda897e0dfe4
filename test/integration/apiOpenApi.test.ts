import SwaggerParser from '@apidevtools/swagger-parser';
import type { Express } from 'express';
import request from 'supertest';
import { openApiDocument } from '../../src/http/openApiDocument';
import { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { apiFor, getAs, openAnalysedScenario, ringsInGraph } from './support/apiScenario';
import { responseErrors } from './support/openApiResponses';
import { bearer } from './support/apiKeys';

let db: GraphDatabase;
let app: Express;
let ringId: string;
let member: string;
let phone: string;
let device: string;

beforeAll(async () => {
  db = await openAnalysedScenario();
  app = apiFor(db);
  const rings = await ringsInGraph(db);
  ringId = [...rings.keys()].sort()[0]!;
  member = rings.get(ringId)!.members[0]!;
  const { records } = await db.driver.executeQuery(
    'MATCH (b:Borrower {id: $id}) MATCH (b)-[:HAS_PHONE]->(p:Phone) MATCH (b)-[:USED_DEVICE]->(d:Device) RETURN p.number AS phone, d.id AS device LIMIT 1',
    { id: member },
    { database: db.settings.database },
  );
  phone = records[0]!.get('phone');
  device = records[0]!.get('device');
}, 180_000);
afterAll(() => db.close());

describe('OpenAPI document', () => {
  it('when /openapi.json is fetched, then it is a valid OpenAPI 3.1 document listing every endpoint', async () => {
    const res = await request(app).get('/openapi.json');
    expect(res.status).toBe(200);
    await expect(SwaggerParser.validate(structuredClone(res.body))).resolves.toBeDefined();
    expect(Object.keys(res.body.paths).sort()).toEqual(
      ['/v1/alerts', '/v1/alerts/{id}', '/v1/analysis', '/v1/analysis/{runId}', '/v1/audit', '/v1/borrowers/{id}', '/v1/cases', '/v1/cases/{id}', '/v1/devices/{id}', '/v1/ingest', '/v1/phones/{number}', '/v1/rings', '/v1/rings/{id}', '/v1/rings/{id}/evidence', '/v1/rings/{id}/graph', '/v1/rings/{id}/members', '/v1/rings/{id}/reviews', '/v1/rings/{id}/view', '/v1/search', '/v1/view-links'],
    );
  });

  it('when the docs page is opened, then it is served from this server', async () => {
    const res = await request(app).get('/docs/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger-ui');
  });

  it.each([
    ['get', '/v1/rings', (): string => '/v1/rings?limit=5'],
    ['get', '/v1/rings/{id}', (): string => `/v1/rings/${ringId}`],
    ['get', '/v1/rings/{id}', (): string => '/v1/rings/ring-nope'],
    ['get', '/v1/rings/{id}/members', (): string => `/v1/rings/${ringId}/members?limit=2`],
    ['get', '/v1/rings/{id}/graph', (): string => `/v1/rings/${ringId}/graph`],
    ['get', '/v1/rings/{id}/evidence', (): string => `/v1/rings/${ringId}/evidence`],
    ['get', '/v1/borrowers/{id}', (): string => `/v1/borrowers/${member}`],
    ['get', '/v1/phones/{number}', (): string => `/v1/phones/${encodeURIComponent(phone)}`],
    ['get', '/v1/phones/{number}', (): string => '/v1/phones/12000000000'],
    ['get', '/v1/devices/{id}', (): string => `/v1/devices/${device}`],
    ['get', '/v1/search', (): string => `/v1/search?q=${member}`],
    ['get', '/v1/audit', (): string => '/v1/audit?limit=5'],
  ] as const satisfies readonly (readonly [string, string, () => string])[])('when %s %s answers, then the answer matches the document', async (method, template, path) => {
    const res = await getAs(app, 'admin', path());
    expect(responseErrors(method, template, res)).toEqual([]);
  });

  it('when a review is posted, then the 201 answer matches the document', async () => {
    const res = await request(app).post(`/v1/rings/${ringId}/reviews`).set('Authorization', bearer('investigator')).send({ verdict: 'investigating' });
    expect(responseErrors('post', '/v1/rings/{id}/reviews', res)).toEqual([]);
  });

  it('when an answer breaks the document, then the check reports it', () => {
    const fake = { status: 200, body: { rings: [{ id: 1 }], nextCursor: null } } as never;
    expect(responseErrors('get', '/v1/rings', fake).length).toBeGreaterThan(0);
    expect(openApiDocument().openapi).toBe('3.1.0');
  });
});

describe('operations', () => {
  it('when the process runs, then /healthz says ok without a key', async () => {
    expect((await request(app).get('/healthz')).body).toEqual({ status: 'ok' });
  });

  it('when Neo4j answers and the schema is applied, then /readyz is 200', async () => {
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ready');
  });

  it('when an index of schema.cypher is missing, then /readyz is 503 and names it', async () => {
    await db.driver.executeQuery('DROP INDEX review_ring_id IF EXISTS', {}, { database: db.settings.database });
    try {
      const res = await request(app).get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body.error.details).toEqual([{ path: 'review_ring_id', message: 'missing or not online' }]);
    } finally {
      await db.applySchema();
    }
  });

  it('when Neo4j cannot be reached, then /readyz is 503 and /healthz still 200', async () => {
    const away = new GraphDatabase({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'x', database: 'neo4j' });
    try {
      const offline = apiFor(away);
      expect((await request(offline).get('/readyz')).status).toBe(503);
      expect((await request(offline).get('/healthz')).status).toBe(200);
    } finally {
      await away.close();
    }
  }, 30_000);

  it('when requests were served, then /metrics exposes their durations by route pattern', async () => {
    await getAs(app, 'viewer', `/v1/rings/${ringId}`);
    const res = await request(app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/ringsight_http_request_duration_seconds_count\{method="GET",route="\/v1\/rings\/:id",status="200"\} \d+/);
    expect(res.text).not.toContain(ringId);
  });
});
