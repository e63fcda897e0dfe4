import type { ApiKey } from '../../../src/auth/apiKeys';

/** One key per role, as API_KEYS would configure them. */
export const KEYS = {
  viewer: 'viewer-key-0123456789abcdef',
  investigator: 'investigator-key-0123456789abcdef',
  admin: 'admin-key-0123456789abcdef',
} as const;

export const TEST_API_KEYS: ApiKey[] = Object.entries(KEYS).map(([role, key]) => ({ role: role as ApiKey['role'], key }));

export const bearer = (role: keyof typeof KEYS) => `Bearer ${KEYS[role]}`;
