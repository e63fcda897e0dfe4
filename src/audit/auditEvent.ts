import { z } from 'zod';
import { Cursor, IsoDateTime, NextCursor } from '../investigation/schemas/common';

/** What the request presented as a key: the audit trail tells a wrong key from none at all. */
export const CredentialSchema = z.enum(['missing', 'invalid', 'valid']);
export type Credential = z.infer<typeof CredentialSchema>;

/**
 * One request, as the audit trail keeps it: who (role, whether a key was sent and was
 * valid, and its fingerprint, never the key), when, what (method and route pattern, never the raw URL, whose path and query
 * can carry phone numbers or names), the outcome and how many records it returned.
 */
export const AuditEventSchema = z
  .object({
    id: z.string(),
    at: IsoDateTime,
    role: z.string().meta({ description: 'viewer, investigator, admin, or anonymous when no valid key was sent' }),
    keyFingerprint: z.string().nullable().meta({ description: 'First 12 hex digits of the SHA-256 of the key sent, valid or not; null when none was sent' }),
    credential: CredentialSchema.nullable().meta({ description: 'missing: no key sent; invalid: a key that is not configured (or a malformed Authorization header); valid: a configured key. Null on events recorded before this was kept' }),
    method: z.string(),
    route: z.string().meta({ description: 'The route pattern, e.g. /v1/phones/:number' }),
    status: z.number().int(),
    records: z.number().int().nullable().meta({ description: 'Records returned, when the endpoint counts them' }),
    durationMs: z.number(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AuditPageSchema = z.object({ events: z.array(AuditEventSchema), nextCursor: NextCursor }).meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof AuditPageSchema>;

export const AuditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: Cursor,
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export interface AuditStore {
  write(events: AuditEvent[]): Promise<void>;
  page(after: { at: string; id: string } | null, limit: number): Promise<AuditEvent[]>;
}
