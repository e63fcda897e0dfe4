import { z } from 'zod';

/**
 * Each role can do what the one before it can, and more: a viewer reads rings with
 * personal data masked, an investigator reads it whole and records reviews, an admin
 * also loads data and runs analyses.
 */
export const RoleSchema = z.enum(['viewer', 'investigator', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

const RANK: Record<Role, number> = { viewer: 0, investigator: 1, admin: 2 };

export const roleAllows = (role: Role, needed: Role): boolean => RANK[role] >= RANK[needed];

/** Who made a request, as far as the audit trail and masking need to know: never the key itself. */
export interface Principal {
  role: Role;
  /** First 12 hex digits of the key's SHA-256: tells keys apart in logs without revealing them. */
  keyFingerprint: string;
}

/** Only viewers get masked personal data. */
export const seesPersonalData = (principal: Principal): boolean => roleAllows(principal.role, 'investigator');
