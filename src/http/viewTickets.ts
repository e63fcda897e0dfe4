import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { RoleSchema, type Principal } from '../auth/roles';

/**
 * Signed links into the ring view. A browser cannot send an `Authorization` header when
 * a person clicks a link, and an API key in a URL would land in browser history, proxy
 * logs and Referer headers. So a key holder asks the API for a ticket (POST
 * /v1/view-links) and gets a link that is short-lived (15 minutes), single-use, and names
 * only the role and key fingerprint it was issued for, never the key. The server trades it
 * for a session cookie and redirects to a clean URL, so the ticket is spent before anyone
 * could copy it from a log. Tickets are signed with a secret made at start-up: a restart
 * voids every ticket still out, which is the safe direction.
 */

export const TICKET_TTL_MS = 15 * 60_000;

const TicketSchema = z.object({
  role: RoleSchema,
  fingerprint: z.string(),
  ringId: z.string().nullable(),
  expiresAt: z.number().int(),
  nonce: z.string(),
});
export type Ticket = z.infer<typeof TicketSchema>;

const b64 = (buffer: Buffer) => buffer.toString('base64url');

export class ViewTickets {
  private readonly spent = new Map<string, number>();

  constructor(
    private readonly secret: Buffer = randomBytes(32),
    private readonly now: () => number = Date.now,
    private readonly ttlMs = TICKET_TTL_MS,
  ) {}

  issue(principal: Principal, ringId: string | null): { ticket: string; expiresAt: Date } {
    const body: Ticket = { role: principal.role, fingerprint: principal.keyFingerprint, ringId, expiresAt: this.now() + this.ttlMs, nonce: b64(randomBytes(16)) };
    const payload = b64(Buffer.from(JSON.stringify(body), 'utf8'));
    return { ticket: `${payload}.${this.sign(payload)}`, expiresAt: new Date(body.expiresAt) };
  }

  /** The ticket's principal and target, once: null when forged, expired, malformed or already used. */
  redeem(ticket: string): { principal: Principal; ringId: string | null } | null {
    const [payload, mac, extra] = ticket.split('.');
    if (!payload || !mac || extra !== undefined) return null;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let body: Ticket;
    try {
      body = TicketSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    } catch {
      return null;
    }
    const now = this.now();
    this.forgetExpired(now);
    if (body.expiresAt <= now || this.spent.has(body.nonce)) return null;
    this.spent.set(body.nonce, body.expiresAt);
    return { principal: { role: body.role, keyFingerprint: body.fingerprint }, ringId: body.ringId };
  }

  private sign(payload: string): string {
    return b64(createHmac('sha256', this.secret).update(payload).digest());
  }

  /** A spent nonce need only be remembered until its ticket would have expired anyway. */
  private forgetExpired(now: number): void {
    for (const [nonce, expiresAt] of this.spent) if (expiresAt <= now) this.spent.delete(nonce);
  }
}
