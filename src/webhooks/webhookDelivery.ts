import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { alertView } from '../alerts/listAlerts';
import type { AlertOutbox } from '../alerts/ports';
import { maskedAccess } from '../investigation/redaction';
import { retryDelayMs } from './backoff';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signatureHeader } from './signature';

export interface WebhookSettings {
  url: string;
  secret: string;
  timeoutMs: number;
  maxBackoffMs: number;
  /** How often due alerts are looked for. */
  pollMs: number;
  /** Alerts per request. */
  batchSize: number;
}

export const WEBHOOK_DEFAULTS = { timeoutMs: 5_000, maxBackoffMs: 300_000, pollMs: 2_000, batchSize: 50 };

/** Sends one request; resolves with the status, rejects when there was no answer. */
export type PostJson = (url: string, body: string, headers: Record<string, string>, timeoutMs: number) => Promise<number>;

export const postWithFetch: PostJson = async (url, body, headers, timeoutMs) => {
  const response = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
  await response.arrayBuffer().catch(() => undefined);
  return response.status;
};

/** Why an attempt failed, in words that never hold the URL (it may carry a token). */
function failureOf(error: unknown): string {
  const e = error as { name?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'no answer in time';
  return `connection failed${e.cause?.code ? `: ${e.cause.code}` : ''}`;
}

/**
 * Pushes alerts to the configured receiver, off the analysis path: runs only write alerts
 * (with their delivery due), and this loop, on its own timer, sends what is due as signed
 * JSON, a batch at a time, oldest first. A receiver that fails or does not answer is tried
 * again with backoff for as long as it takes; the alerts meanwhile stay readable in the API,
 * marked pending. Each alert goes out as it is when sent (a masked view: receivers get no
 * phone numbers; they read details through the API with a key of their own).
 */
export class WebhookDelivery {
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<void> | null = null;
  /** After a failure the receiver is left alone until then, whichever alerts are due: it is the receiver that is failing. */
  private pausedUntil = 0;

  constructor(
    private readonly outbox: AlertOutbox,
    private readonly settings: WebhookSettings,
    private readonly logger?: Logger,
    private readonly post: PostJson = postWithFetch,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.deliverDue(), this.settings.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sending;
  }

  /** Sends every due batch until none is left or the receiver fails; one pass at a time. */
  deliverDue(): Promise<void> {
    this.sending ??= this.sendBatches()
      .catch((error: unknown) => this.logger?.warn({ err: error }, 'webhook delivery pass failed; will try again'))
      .finally(() => (this.sending = null));
    return this.sending;
  }

  private async sendBatches(): Promise<void> {
    for (;;) {
      const at = this.now();
      if (at.getTime() < this.pausedUntil) return;
      const due = await this.outbox.due(at.toISOString(), this.settings.batchSize);
      if (due.length === 0) return;
      const deliveryId = `delivery-${randomUUID()}`;
      const body = JSON.stringify({
        deliveryId,
        sentAt: at.toISOString(),
        alerts: due.map((stored) => {
          const { delivery: _delivery, ...view } = alertView(stored, maskedAccess);
          return view;
        }),
      });
      const headers = { 'content-type': 'application/json', [SIGNATURE_HEADER]: signatureHeader(this.settings.secret, Math.floor(at.getTime() / 1000), body), [DELIVERY_HEADER]: deliveryId };
      let failure: string | null = null;
      try {
        const status = await this.post(this.settings.url, body, headers, this.settings.timeoutMs);
        if (status < 200 || status > 299) failure = `HTTP ${status}`;
      } catch (error) {
        failure = failureOf(error);
      }
      const done = this.now().toISOString();
      if (failure === null) {
        await this.outbox.delivered(due.map((a) => ({ id: a.id, version: a.delivery.version })), done);
        continue;
      }
      const failures = Math.max(...due.map((a) => a.delivery.attempts)) + 1;
      const nextMs = this.now().getTime() + retryDelayMs(failures, this.settings.maxBackoffMs);
      const next = new Date(nextMs).toISOString();
      this.pausedUntil = nextMs;
      await this.outbox.failed(due.map((a) => a.id), done, next, failure);
      this.logger?.warn({ deliveryId, alerts: due.length, failures, error: failure, next }, 'webhook receiver failed; alerts stay pending');
      return;
    }
  }
}
