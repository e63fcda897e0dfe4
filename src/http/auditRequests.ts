import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { AuditTrail } from '../audit/auditTrail';
import { credentialOf, principalOf, recordsOf, routeOf } from './requestContext';

/** Notes each request in the audit trail once its answer is sent: nothing is awaited on the request path. */
export function auditRequests(trail: AuditTrail): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const at = new Date().toISOString();
    res.on('finish', () => {
      const principal = principalOf(res);
      const { credential, fingerprint } = credentialOf(res);
      trail.record({
        id: randomUUID(),
        at,
        role: principal?.role ?? 'anonymous',
        keyFingerprint: fingerprint,
        credential,
        method: req.method,
        route: routeOf(req, res),
        status: res.statusCode,
        records: recordsOf(res),
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
      });
    });
    next();
  };
}
