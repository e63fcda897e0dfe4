import { z } from 'zod';
import { ApiKeysSchema } from './auth/apiKeys';

/** Requests per key per minute: generous for people reading rings, a brake for scripts. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1200;

/**
 * The environment, parsed and validated once. NEO4J_URI absent means "use the project's
 * own local Neo4j" (started on demand by the commands that need it).
 */
const ConfigSchema = z.object({
  NEO4J_URI: z.string().url('must be a URL such as bolt://localhost:7687 or neo4j+s://host').optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().min(1).optional(),
  NEO4J_DATABASE: z.string().min(1).default('neo4j'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `role:key,role:key`; roles are viewer, investigator and admin. */
  API_KEYS: ApiKeysSchema.default([]),
  /** Demo mode: without API_KEYS the server makes up an admin key and prints it. */
  RINGSIGHT_DEMO: z
    .enum(['0', '1', 'true', 'false', ''])
    .default('')
    .transform((v) => v === '1' || v === 'true'),
  /** Requests per minute per API key (per address before a key is known). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(DEFAULT_RATE_LIMIT_PER_MINUTE),
});

export type Config = z.infer<typeof ConfigSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}
