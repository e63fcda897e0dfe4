import { z } from 'zod';
import { ALERT_DEFAULTS } from './alerts/riskEvents';
import { ApiKeysSchema } from './auth/apiKeys';

/** Requests per key per minute: generous for people reading rings, a brake for scripts. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1200;

/** A switch that is on unless set to 0 or false. */
const onUnlessOff = () =>
  z
    .enum(['0', '1', 'true', 'false', ''])
    .default('')
    .transform((v) => v !== '0' && v !== 'false');

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

  // Live operation. The server re-analyses on a schedule, one run at a time.
  /** Minutes between scheduled analyses; 0 (the default) schedules none by time. A week at most. */
  ANALYSIS_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(10_080).default(0),
  /** Ingested records (API or bulk loads, counted by ingest stamps) that start an analysis; 0 (the default) starts none by volume. */
  ANALYSIS_AFTER_RECORDS: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
  /** Batches of components an analysis reads and detects at once, on worker threads; 1 (the default) does one at a time. */
  ANALYSIS_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  /**
   * Whether the analysis thread keeps the last run's plan inputs, so the next run reads only
   * what changed (on by default; off saves their memory between runs, about 300 MiB of heap
   * at 5,000,000 borrowers, and every run reads them whole).
   */
  ANALYSIS_KEEP_PLAN_INPUTS: onUnlessOff(),
  /**
   * Whether the analysis thread rehearses a day when the server starts and after a run that
   * examined every component: a day's ingest and analysis with every write rolled back, so
   * Neo4j has planned a day's statements before one comes (on by default; off spares the
   * rehearsal, 7–19 s of the thread at 1,000,000 borrowers, and the next day plans them).
   */
  ANALYSIS_REHEARSE_DAY: onUnlessOff(),
  /** How often the schedule is checked, in seconds. */
  ANALYSIS_CHECK_SECONDS: z.coerce.number().int().min(1).max(3_600).default(15),
  /** A suspected gang gaining at least this many members since the last run raises ringGrew. */
  ALERT_GROWTH_MEMBERS: z.coerce.number().int().min(1).max(1_000).default(ALERT_DEFAULTS.growthMembers),
  /** Where alerts are pushed (POST, JSON, signed); unset pushes nothing (alerts are read at /v1/alerts). */
  WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  /** The HMAC-SHA256 key receivers verify signatures with; required with WEBHOOK_URL. */
  WEBHOOK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** How long a receiver may take to answer before the attempt counts as failed. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** The longest wait between two attempts while a receiver keeps failing. */
  WEBHOOK_MAX_BACKOFF_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
}).superRefine((config, ctx) => {
  if (config.WEBHOOK_URL && !config.WEBHOOK_SECRET) ctx.addIssue({ code: 'custom', path: ['WEBHOOK_SECRET'], message: 'is required with WEBHOOK_URL (receivers verify the signature with it)' });
  if (!config.WEBHOOK_URL && config.WEBHOOK_SECRET) ctx.addIssue({ code: 'custom', path: ['WEBHOOK_URL'], message: 'is required with WEBHOOK_SECRET' });
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
