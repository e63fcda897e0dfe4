import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { loadConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/http/server';
import { ingestBatch } from '../../src/ingest/ingestBatch';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { Neo4jIngestStore } from '../../src/neo4j/ingestStore';
import { generateScenario } from '../../src/scenario/generateScenario';
import { DELIVERY_HEADER, SIGNATURE_HEADER, verifySignature } from '../../src/webhooks/signature';
import { bearer, TEST_API_KEYS } from './support/apiKeys';
import { waitUntil } from './support/chromium';
import { openTestDatabase } from './support/testDatabase';

/**
 * The server as configured for push: WEBHOOK_URL and WEBHOOK_SECRET. A local receiver that
 * first hangs, then is down, then answers: the analysis is never held up, the alerts stay
 * readable (pending, saying why) meanwhile, and once the receiver answers it gets every
 * alert, each request signed with HMAC-SHA256 over its time and body.
 */

const SECRET = 'webhook-secret-for-the-test-0123456789';

interface Received {
  body: string;
  signature: string | undefined;
  delivery: string | undefined;
  at: number;
}

let db: GraphDatabase;
let api: RunningServer;
let receiver: Server;
let port: number;
let mode: 'hang' | 'answer' = 'hang';
const received: Received[] = [];
const hanging: ServerResponse[] = [];

function handle(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    if (mode === 'hang') return void hanging.push(res);
    received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: req.headers[SIGNATURE_HEADER] as string, delivery: req.headers[DELIVERY_HEADER] as string, at: Date.now() / 1000 });
    res.writeHead(204).end();
  });
}

const listen = (server: Server, on = 0) => new Promise<number>((resolve) => server.listen(on, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
const close = (server: Server) => new Promise<void>((resolve) => {
  server.closeAllConnections();
  server.close(() => resolve());
});

const alerts = async () => (await request(api.url).get('/v1/alerts?limit=100').set('Authorization', bearer('viewer'))).body.alerts as { id: string; delivery: { state: string; attempts: number; lastError: string | null } }[];

beforeAll(async () => {
  db = await openTestDatabase();
  await ingestBatch(new Neo4jIngestStore(db), generateScenario({ borrowers: 2500, seed: 3 }).evidence);
  receiver = createServer(handle);
  port = await listen(receiver);
  const config = loadConfig({ LOG_LEVEL: 'silent', WEBHOOK_URL: `http://127.0.0.1:${port}/ringsight-alerts`, WEBHOOK_SECRET: SECRET, WEBHOOK_TIMEOUT_MS: '300', WEBHOOK_MAX_BACKOFF_SECONDS: '1' });
  api = await startServer({ ...config, API_KEYS: TEST_API_KEYS }, db, { port: 0 });
}, 180_000);
afterAll(async () => {
  await api.close();
  for (const res of hanging) res.destroy();
  if (receiver.listening) await close(receiver);
  await db.close();
});

describe('When a webhook receiver hangs, then is down, then comes back', () => {
  test('then the analysis finishes regardless, the alerts stay readable as pending with the reason, and the receiver then gets every alert, signed', async () => {
    const started = await request(api.url).post('/v1/analysis').set('Authorization', bearer('admin')).send({ options: { seed: 1 } });
    expect(started.status).toBe(202);
    // Succeeded, and no longer in progress here: its alerts are raised once its progress is gone.
    const finished = async () => (await request(api.url).get(`/v1/analysis/${started.body.runId}`).set('Authorization', bearer('admin'))).body;
    await waitUntil(async () => ((run) => run.status === 'succeeded' && run.progress === null)(await finished()), 'the run finished', 120_000);

    const raised = await alerts();
    expect(raised.length).toBeGreaterThan(3);
    await waitUntil(async () => (await alerts()).every((a) => a.delivery.state === 'pending' && a.delivery.lastError === 'no answer in time'), 'every alert failed on the hanging receiver', 30_000);

    await close(receiver);
    await waitUntil(async () => (await alerts()).every((a) => a.delivery.lastError === 'connection failed: ECONNREFUSED' && a.delivery.attempts >= 2), 'attempts failed on the receiver that is down', 30_000);
    expect(received).toEqual([]);

    mode = 'answer';
    receiver = createServer(handle);
    await listen(receiver, port);
    await waitUntil(async () => (await alerts()).every((a) => a.delivery.state === 'delivered'), 'every alert was delivered', 30_000);

    const delivered = received.flatMap((r) => (JSON.parse(r.body) as { alerts: { id: string; kind: string; summary: string; delivery?: unknown }[] }).alerts);
    expect(delivered.map((a) => a.id).sort()).toEqual(raised.map((a) => a.id).sort());
    expect(delivered.every((a) => a.summary.length > 0 && a.delivery === undefined)).toBe(true);
    for (const r of received) {
      expect(r.delivery).toMatch(/^delivery-/);
      expect(verifySignature(SECRET, r.signature, r.body, Math.floor(r.at))).toBe(true);
      expect(verifySignature('another-secret-of-enough-length-000000', r.signature, r.body, Math.floor(r.at))).toBe(false);
      expect(verifySignature(SECRET, r.signature, r.body.replace('"alerts"', '"Alerts"'), Math.floor(r.at))).toBe(false);
    }
    expect((await alerts()).every((a) => a.delivery.attempts === 0 && a.delivery.lastError === null)).toBe(true);
  }, 240_000);
});
