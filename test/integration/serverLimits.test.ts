import { request as httpRequest } from 'node:http';
import { loadConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/http/server';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { TEST_API_KEYS } from './support/apiKeys';
import { openTestDatabase } from './support/testDatabase';

let db: GraphDatabase;
let server: RunningServer;
beforeAll(async () => {
  db = await openTestDatabase();
  server = await startServer({ ...loadConfig({ LOG_LEVEL: 'silent' }), API_KEYS: TEST_API_KEYS }, db, { port: 0 });
});
afterAll(async () => {
  await server.close();
  await db.close();
});

/** Node's HTTP parser answers these before express runs; a raw request shows exactly what a client gets. */
function rawGet(path: string): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('requests the HTTP parser refuses', () => {
  it('when the URL is 100,000 characters long, then 431 comes with a JSON error body', async () => {
    const res = await rawGet(`/v1/borrowers/${'x'.repeat(100_000)}`);
    expect(res.status).toBe(431);
    expect(res.type).toContain('application/json');
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'headers_too_large', message: expect.stringContaining('16 KiB') });
  });
});
