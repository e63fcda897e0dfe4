import type { RequestHandler } from 'express';
import { keyFingerprint, type KeyRing } from '../auth/apiKeys';
import { roleAllows, type Role } from '../auth/roles';
import { AppError } from '../errors';
import { noteCredential, principalOf, setPrincipal } from './requestContext';
import { sessionToken, type ViewSessions } from './viewSessions';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

const READS = new Set(['GET', 'HEAD']);

/**
 * Learns who is asking, if anyone; rejecting comes later so the rate limit sees bad keys
 * too. A bearer key wins; without one, a ring-view session cookie counts for reads only
 * (see viewSessions.ts), so a signed-in browser can open pages but never write.
 */
export function identify(keys: KeyRing, sessions: ViewSessions | null = null): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization');
    const cookie = !header && sessions && READS.has(req.method) ? sessionToken(req.get('cookie')) : null;
    if (cookie) {
      const principal = sessions!.principal(cookie);
      if (principal) setPrincipal(res, principal);
      noteCredential(res, principal ? 'valid' : 'invalid', principal?.keyFingerprint ?? null);
      return next();
    }
    const token = BEARER.exec(header ?? '')?.[1];
    const principal = token ? keys.authenticate(token) : null;
    if (principal) setPrincipal(res, principal);
    // The audit trail tells a wrong key (a misconfigured client, or someone guessing) from none.
    noteCredential(res, principal ? 'valid' : header ? 'invalid' : 'missing', token ? keyFingerprint(token) : null);
    next();
  };
}

export const requireKey: RequestHandler = (req, res, next) => {
  if (principalOf(res)) return next();
  const sent = req.get('authorization');
  const message = sent
    ? 'The API key is not valid. Send a configured key as "Authorization: Bearer <key>".'
    : 'An API key is required. Send it as "Authorization: Bearer <key>".';
  next(new AppError(401, 'unauthenticated', message));
};

/** 403 names the role needed, so a caller knows which key to ask for. */
export function requireRole(needed: Role): RequestHandler {
  return (_req, res, next) => {
    const principal = principalOf(res);
    if (principal && roleAllows(principal.role, needed)) return next();
    next(new AppError(403, 'forbidden', `This needs the ${needed} role; your key has the ${principal?.role ?? 'no'} role.`));
  };
}
