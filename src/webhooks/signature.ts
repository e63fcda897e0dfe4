import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures: `X-Ringsight-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` over
 * `<t>.<body>` with the shared secret. The time is signed with the body, so a receiver that
 * refuses signatures older than a few minutes cannot be fed a recorded delivery again.
 */
export const SIGNATURE_HEADER = 'x-ringsight-signature';
export const DELIVERY_HEADER = 'x-ringsight-delivery';

const mac = (secret: string, timestamp: number, body: string) => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

export const signatureHeader = (secret: string, timestamp: number, body: string): string => `t=${timestamp},v1=${mac(secret, timestamp, body)}`;

/** What a receiver does: true when the header signs this body with this secret within `toleranceSeconds` of now. */
export function verifySignature(secret: string, header: string | undefined, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = new Map((header ?? '').split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const timestamp = Number(parts.get('t'));
  const signature = parts.get('v1') ?? '';
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds || !/^[0-9a-f]{64}$/.test(signature)) return false;
  return timingSafeEqual(Buffer.from(signature, 'hex'), Buffer.from(mac(secret, timestamp, body), 'hex'));
}
