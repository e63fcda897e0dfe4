import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Credential } from '../audit/auditEvent';
import type { Principal } from '../auth/roles';
import { seesPersonalData } from '../auth/roles';
import { describeZodError } from '../contract/validationIssues';
import { invalidInput } from '../errors';
import { fullAccess, maskedAccess, type Redactor } from '../investigation/redaction';

/**
 * What the middleware learns about a request, kept in res.locals under typed accessors:
 * who is asking, under which route pattern, and how many records the answer holds.
 */
interface RequestLocals {
  principal?: Principal;
  credential?: Credential;
  presentedFingerprint?: string;
  mount?: string;
  records?: number;
}

const locals = (res: Response): RequestLocals => res.locals as RequestLocals;

export const principalOf = (res: Response): Principal | undefined => locals(res).principal;
export const setPrincipal = (res: Response, principal: Principal): void => void (locals(res).principal = principal);

/** What the request presented as a key, and the fingerprint of that key (valid or not). */
export function noteCredential(res: Response, credential: Credential, fingerprint: string | null): void {
  locals(res).credential = credential;
  if (fingerprint) locals(res).presentedFingerprint = fingerprint;
}
export const credentialOf = (res: Response): { credential: Credential; fingerprint: string | null } => ({
  credential: locals(res).credential ?? 'missing',
  fingerprint: locals(res).principal?.keyFingerprint ?? locals(res).presentedFingerprint ?? null,
});

/** The principal of a request that passed authentication (routes are mounted behind it). */
export function authenticatedPrincipal(res: Response): Principal {
  const principal = principalOf(res);
  if (!principal) throw new Error('route mounted without authentication');
  return principal;
}

export const redactorFor = (res: Response): Redactor => (seesPersonalData(authenticatedPrincipal(res)) ? fullAccess : maskedAccess);

/** Marks the requests of a router so their route pattern can be told from its mount point. */
export const markMount = (mount: string) => (_req: Request, res: Response, next: () => void) => {
  locals(res).mount = mount;
  next();
};

/** `/v1/phones/:number`, never `/v1/phones/+8613800000000`: patterns carry no personal data. */
export function routeOf(req: Request, res: Response): string {
  const path = (req.route as { path?: string } | undefined)?.path;
  const mount = locals(res).mount;
  if (typeof path === 'string') return `${mount ?? ''}${path}`;
  return mount ? `${mount}/*` : 'unmatched';
}

export const recordsOf = (res: Response): number | null => locals(res).records ?? null;

/** Notes how many records an answer holds, for the audit trail. */
export const noteRecords = (res: Response, records: number): void => void (locals(res).records = records);

/** Sends a JSON answer and notes how many records it holds. */
export function sendRecords(res: Response, body: unknown, records: number, status = 200): void {
  noteRecords(res, records);
  res.status(status).json(body);
}

/** Validates once, at the boundary; handlers pass the parsed value on. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: 'query' | 'params' | 'body'): z.infer<S> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw invalidInput(`Invalid request ${where}`, describeZodError(parsed.error, where === 'body' ? [] : [where]));
  return parsed.data;
}
