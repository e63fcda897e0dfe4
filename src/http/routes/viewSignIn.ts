import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { keyFingerprint, type KeyRing } from '../../auth/apiKeys';
import type { Principal } from '../../auth/roles';
import { AppError } from '../../errors';
import { credentialOf, noteCredential, principalOf, setPrincipal } from '../requestContext';
import { viewAssets } from '../viewBundle';
import { PAGE_CSP, safeNext, signInPage } from '../viewPages';
import { SESSION_COOKIE, SESSION_TTL_MS, sessionToken, type ViewSessions } from '../viewSessions';
import type { ViewTickets } from '../viewTickets';

/**
 * How a browser gets in, mounted at /view outside /v1: a single-use link exchanged for a
 * session cookie, or a key typed into a form; and out again. Also the view's bundled
 * assets, which hold no data and need no session.
 */

/** Forms are posted from our own pages only: a browser says where a request came from. */
const sameOrigin: RequestHandler = (req, _res, next) => {
  const site = req.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return next(new AppError(403, 'cross_site', 'This form can only be posted from ringsight\'s own pages'));
  next();
};

function startSession(req: Request, res: Response, sessions: ViewSessions, principal: Principal, location: string): void {
  const { token } = sessions.open(principal);
  setPrincipal(res, principal);
  res
    .cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: SESSION_TTL_MS })
    .set('Cache-Control', 'no-store')
    .set('Referrer-Policy', 'no-referrer')
    .redirect(303, location);
}

const signIn = (res: Response, status: number, message: string | null, next: string) =>
  res.status(status).type('html').set('Content-Security-Policy', PAGE_CSP).set('Cache-Control', 'no-store').send(signInPage({ message, next }));

/**
 * Someone who opens an API page in a browser (a top-level navigation) without a valid
 * session gets the sign-in form, with status 401, instead of a JSON error; clients of the
 * API never send Sec-Fetch-Dest: document and keep getting JSON.
 */
export const signInForBrowsers: RequestHandler = (req, res, next) => {
  if (principalOf(res) || req.method !== 'GET' || req.get('sec-fetch-dest') !== 'document') return next();
  const ended = credentialOf(res).credential === 'invalid' && !req.get('authorization');
  signIn(res, 401, ended ? 'Your session has ended. Sign in again.' : null, req.originalUrl);
};

export function viewSignInRouter(keys: KeyRing, tickets: ViewTickets, sessions: ViewSessions): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });

  router.get('/enter', (req, res) => {
    const ticket = typeof req.query.ticket === 'string' ? req.query.ticket : '';
    const redeemed = ticket ? tickets.redeem(ticket) : null;
    noteCredential(res, redeemed ? 'valid' : ticket ? 'invalid' : 'missing', redeemed?.principal.keyFingerprint ?? null);
    if (!redeemed) return signIn(res, 401, 'This link has expired or was already used. Sign in with your API key, or ask the API for a new link.', '/v1/rings?format=html');
    const location = redeemed.ringId ? `/v1/rings/${encodeURIComponent(redeemed.ringId)}/view` : '/v1/rings?format=html';
    startSession(req, res, sessions, redeemed.principal, location);
  });

  router.get('/sign-in', (req, res) => signIn(res, 200, null, safeNext(req.query.next)));

  router.post('/sign-in', sameOrigin, form, (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const key = typeof body.key === 'string' ? body.key.trim() : '';
    const principal = key ? keys.authenticate(key) : null;
    noteCredential(res, principal ? 'valid' : key ? 'invalid' : 'missing', key ? keyFingerprint(key) : null);
    if (!principal) return signIn(res, 401, 'That API key is not valid.', safeNext(body.next));
    startSession(req, res, sessions, principal, safeNext(body.next));
  });

  router.post('/sign-out', sameOrigin, (req, res) => {
    const token = sessionToken(req.get('cookie'));
    if (token) sessions.close(token);
    res.clearCookie(SESSION_COOKIE, { path: '/' }).redirect(303, '/view/sign-in');
  });

  router.get('/assets/:file', async (req, res, next) => {
    const asset = (await viewAssets()).get(req.params.file);
    if (!asset) return next();
    res.set({ 'Content-Type': asset.type, ETag: asset.etag, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
    if (req.get('if-none-match') === asset.etag) return void res.status(304).end();
    res.send(asset.body);
  });
  return router;
}
