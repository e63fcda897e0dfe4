import { createHash, randomBytes } from 'node:crypto';
import type { Principal } from '../auth/roles';

/**
 * Browser sessions for the ring view: a random 256-bit token in an HttpOnly cookie,
 * standing for the role and key fingerprint it was opened with (never the key). The
 * server keeps only the token's SHA-256, so a memory dump yields no usable cookie.
 * Sessions live in memory for 8 hours at most: a restart, or a key removed from
 * API_KEYS and the server restarted, ends them all. The cookie is honoured for reading
 * only (GET and HEAD), so another site cannot make a signed-in browser write anything.
 */

export const SESSION_TTL_MS = 8 * 3_600_000;
export const SESSION_COOKIE = 'ringsight_session';

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export class ViewSessions {
  private readonly sessions = new Map<string, { principal: Principal; expiresAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = SESSION_TTL_MS,
    private readonly maxSessions = 10_000,
  ) {}

  open(principal: Principal): { token: string; expiresAt: Date } {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.now() + this.ttlMs;
    this.sessions.set(digest(token), { principal, expiresAt });
    // Oldest out first: a flood of sign-ins cannot grow memory without bound.
    if (this.sessions.size > this.maxSessions) this.sessions.delete(this.sessions.keys().next().value!);
    return { token, expiresAt: new Date(expiresAt) };
  }

  principal(token: string): Principal | null {
    const key = digest(token);
    const session = this.sessions.get(key);
    if (!session) return null;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(key);
      return null;
    }
    return session.principal;
  }

  close(token: string): void {
    this.sessions.delete(digest(token));
  }
}

/** The session token from a Cookie header, if any. */
export function sessionToken(cookieHeader: string | undefined): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim() || null;
  }
  return null;
}
