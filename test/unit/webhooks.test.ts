import type { AlertOutbox, StoredAlert } from '../../src/alerts/ports';
import { retryDelayMs } from '../../src/webhooks/backoff';
import { signatureHeader, verifySignature } from '../../src/webhooks/signature';
import { WebhookDelivery, type PostJson } from '../../src/webhooks/webhookDelivery';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';

describe('When a body is signed', () => {
  const body = '{"alerts":[]}';
  const header = signatureHeader(SECRET, 1_700_000_000, body);
  test('then the receiver verifies it with the secret, within the tolerance, and refuses any change', () => {
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(SECRET, header, body, 1_700_000_100)).toBe(true);
    expect(verifySignature(SECRET, header, body, 1_700_000_400)).toBe(false);
    expect(verifySignature(SECRET, header, '{"alerts":[1]}', 1_700_000_000)).toBe(false);
    expect(verifySignature(`${SECRET}x`, header, body, 1_700_000_000)).toBe(false);
    expect(verifySignature(SECRET, header.replace('t=1700000000', 't=1700000001'), body, 1_700_000_000)).toBe(false);
    expect(verifySignature(SECRET, undefined, body, 1_700_000_000)).toBe(false);
    expect(verifySignature(SECRET, 'garbage', body, 1_700_000_000)).toBe(false);
  });
});

describe('When a receiver keeps failing', () => {
  test('then the wait doubles from about a second up to the ceiling, never below half of it', () => {
    const low = () => 0;
    const high = () => 0.999999;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 300_000, high))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect([1, 2, 3].map((n) => retryDelayMs(n, 300_000, low))).toEqual([500, 1_000, 2_000]);
    expect(retryDelayMs(40, 300_000, high)).toBe(300_000);
    expect(retryDelayMs(40, 300_000, low)).toBe(150_000);
  });
});

/** An outbox in memory: alerts due at `nextAttemptAt`, versions as the store keeps them. */
class MemoryOutbox implements AlertOutbox {
  constructor(public alerts: StoredAlert[]) {}
  async due(now: string, limit: number) {
    return this.alerts.filter((a) => a.delivery.version > a.delivery.deliveredVersion && a.delivery.nextAttemptAt !== null && a.delivery.nextAttemptAt <= now).slice(0, limit);
  }
  async delivered(items: { id: string; version: number }[], at: string) {
    for (const { id, version } of items) {
      const a = this.alerts.find((x) => x.id === id)!;
      a.delivery = { ...a.delivery, deliveredVersion: version, deliveredAt: at, attempts: 0, lastError: null, nextAttemptAt: a.delivery.version > version ? at : null };
    }
  }
  async failed(ids: string[], _at: string, nextAttemptAt: string, error: string) {
    for (const a of this.alerts.filter((x) => ids.includes(x.id))) a.delivery = { ...a.delivery, attempts: a.delivery.attempts + 1, lastError: error, nextAttemptAt };
  }
}

const alert = (n: number): StoredAlert => ({
  id: `alert-${n}`,
  kind: 'newSuspectedRing',
  ringId: `ring-${n}`,
  status: 'open',
  firstRaisedAt: '2024-12-01T00:00:00.000Z',
  raisedAt: '2024-12-01T00:00:00.000Z',
  runId: 'run-1',
  occurrences: 1,
  caseId: `case-${n}`,
  ring: { kind: 'complaintCampaign', score: 0.5, suspected: true, size: 4, complaints: 3 },
  change: {},
  delivery: { version: 1, deliveredVersion: 0, attempts: 0, nextAttemptAt: '2024-12-01T00:00:00.000Z', lastError: null, deliveredAt: null },
});

describe('When alerts are due and the receiver answers 500, then fails to connect, then 204', () => {
  test('then each failure is recorded with its reason and a later attempt, and the last attempt delivers every alert in batches', async () => {
    let clock = Date.parse('2024-12-01T00:00:01.000Z');
    const outbox = new MemoryOutbox([1, 2, 3].map(alert));
    const answers: (() => Promise<number>)[] = [async () => 500, async () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }))];
    const sent: { body: string; headers: Record<string, string> }[] = [];
    const post: PostJson = async (_url, body, headers) => {
      sent.push({ body, headers });
      return (answers.shift() ?? (async () => 204))();
    };
    const delivery = new WebhookDelivery(outbox, { url: 'http://receiver/hook', secret: SECRET, timeoutMs: 100, maxBackoffMs: 60_000, pollMs: 1_000, batchSize: 2 }, undefined, post, () => new Date(clock));

    await delivery.deliverDue();
    expect(outbox.alerts.map((a) => a.delivery.lastError)).toEqual(['HTTP 500', 'HTTP 500', null]);
    const retryAt = outbox.alerts[0]!.delivery.nextAttemptAt!;
    expect(Date.parse(retryAt) - clock).toBeGreaterThanOrEqual(500);
    await delivery.deliverDue();
    expect(sent).toHaveLength(1);

    clock = Date.parse(retryAt);
    await delivery.deliverDue();
    expect(outbox.alerts[0]!.delivery).toMatchObject({ attempts: 2, lastError: 'connection failed: ECONNREFUSED' });

    clock += 60_000;
    await delivery.deliverDue();
    expect(outbox.alerts.map((a) => a.delivery.deliveredVersion)).toEqual([1, 1, 1]);
    const bodies = sent.slice(2).map((s) => JSON.parse(s.body) as { alerts: { id: string }[] });
    expect(bodies.flatMap((b) => b.alerts.map((a) => a.id))).toEqual(['alert-1', 'alert-2', 'alert-3']);
    for (const s of sent) expect(verifySignature(SECRET, s.headers['x-ringsight-signature'], s.body, Math.floor(clock / 1000), 3_600)).toBe(true);
  });

  test('then an alert raised again after it was sent is due again, as it now is', async () => {
    const outbox = new MemoryOutbox([alert(1)]);
    const delivery = new WebhookDelivery(outbox, { url: 'http://receiver/hook', secret: SECRET, timeoutMs: 100, maxBackoffMs: 1_000, pollMs: 1_000, batchSize: 10 }, undefined, async () => {
      outbox.alerts[0]!.delivery.version = 2; // raised again while the request was on its way
      return 200;
    }, () => new Date('2024-12-01T00:00:05.000Z'));
    await delivery.deliverDue();
    expect(outbox.alerts[0]!.delivery).toMatchObject({ deliveredVersion: 2, version: 2 });
  });
});
