import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { RoleSchema, type Principal, type Role } from './roles';

/** Short keys can be guessed within a rate limit's patience; 16 characters is about 80 bits of base32. */
export const MIN_KEY_LENGTH = 16;

const ApiKeySchema = z.object({
  role: RoleSchema,
  key: z.string().min(MIN_KEY_LENGTH, `an API key must be at least ${MIN_KEY_LENGTH} characters`),
});
export type ApiKey = z.infer<typeof ApiKeySchema>;

/** `API_KEYS="investigator:KEY1,viewer:KEY2,admin:KEY3"`, parsed into role and key pairs. */
export const ApiKeysSchema = z
  .string()
  .transform((raw) =>
    raw
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0)
      .map((entry) => {
        const colon = entry.indexOf(':');
        return colon < 0 ? { role: entry, key: '' } : { role: entry.slice(0, colon).trim(), key: entry.slice(colon + 1).trim() };
      }),
  )
  .pipe(z.array(ApiKeySchema));

const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

export const keyFingerprint = (key: string): string => sha256(key).toString('hex').slice(0, 12);

/**
 * The configured keys, held as digests. A presented key is hashed and compared with
 * every digest in constant time: equal-length digests make timingSafeEqual applicable,
 * and checking all of them means the time taken says nothing about which one matched.
 */
export class KeyRing {
  private readonly entries: { digest: Buffer; principal: Principal }[];

  constructor(keys: readonly ApiKey[]) {
    if (keys.length === 0) throw new Error('No API key is configured: set API_KEYS="role:key,..." (roles: viewer, investigator, admin)');
    this.entries = keys.map(({ role, key }) => ({ digest: sha256(key), principal: { role, keyFingerprint: keyFingerprint(key) } }));
  }

  authenticate(presented: string): Principal | null {
    const digest = sha256(presented);
    let found: Principal | null = null;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.digest, digest)) found = entry.principal;
    }
    return found;
  }
}

/** A fresh admin key for demo mode, printed once at start-up. */
export const generateDemoKey = (role: Role = 'admin'): ApiKey => ({ role, key: `demo-${randomBytes(18).toString('base64url')}` });
