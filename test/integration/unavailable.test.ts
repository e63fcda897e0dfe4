import request from 'supertest';
import { createApp } from '../../src/http/app';
import { TEST_API_KEYS, bearer } from './support/apiKeys';
import { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { smallBatch } from '../fixtures/smallBatch';

describe('when Neo4j cannot be reached', () => {
  // Port 1 on loopback: nothing listens there, so every connection is refused.
  const db = new GraphDatabase({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'x', database: 'neo4j' });
  const app = createApp({ db, apiKeys: TEST_API_KEYS });
  afterAll(() => db.close());

  it('then ingest answers 503 with a clear message, and the app keeps answering', async () => {
    const res = await request(app).post('/v1/ingest').set('Authorization', bearer('admin')).send(smallBatch());
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'database_unavailable', message: expect.stringContaining('Neo4j cannot be reached') });
    const health = await request(app).get('/healthz');
    expect(health.status).toBe(200);
  }, 30_000);
});
