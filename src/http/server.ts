import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { AnalysisRuns } from '../analysis/analysisRuns';
import { HEARTBEAT_MS, repeatEvery } from '../analysis/runLease';
import { ALERT_DEFAULTS } from '../alerts/riskEvents';
import { Neo4jAlertStore } from '../neo4j/alertStore';
import { Neo4jScheduleSource } from '../neo4j/scheduleStore';
import { scheduleOn, type ScheduleSettings } from '../schedule/analysisSchedule';
import { ScheduledAnalysis } from '../schedule/scheduledAnalysis';
import { WEBHOOK_DEFAULTS, WebhookDelivery, type WebhookSettings } from '../webhooks/webhookDelivery';
import { Neo4jAnalysisStore } from '../neo4j/analysisStore';
import { AuditTrail } from '../audit/auditTrail';
import { generateDemoKey, type ApiKey } from '../auth/apiKeys';
import type { Config } from '../config';
import { Neo4jAuditStore } from '../neo4j/auditRepository';
import type { GraphDatabase } from '../neo4j/graphDatabase';
import { createApp } from './app';
import { answerClientError } from './errorHandler';
import { viewAssets } from './viewBundle';

export interface ServerOptions {
  /** Without configured keys, make up an admin key and print it instead of refusing to start. */
  demo?: boolean;
  /** Overrides config.PORT; 0 picks a free port (tests, demo). */
  port?: number;
  logger?: Logger;
}

export interface RunningServer {
  url: string;
  /** The generated admin key in demo mode; null when keys came from the configuration. */
  demoKey: string | null;
  /** Stops accepting requests, waits for a running analysis, flushes the audit trail. Does not close the database. */
  close(): Promise<void>;
}

/**
 * Starts the HTTP API on the given database and resolves once it listens. Refuses to
 * start without API keys unless in demo mode, where it prints the key it generated.
 */
export async function startServer(config: Config, db: GraphDatabase, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL });
  const demo = options.demo ?? config.RINGSIGHT_DEMO;
  let apiKeys: readonly ApiKey[] = config.API_KEYS;
  let demoKey: string | null = null;
  if (apiKeys.length === 0) {
    if (!demo) throw new Error('No API key is configured: set API_KEYS="viewer:KEY,investigator:KEY,admin:KEY" (keys of 16+ characters), or RINGSIGHT_DEMO=1 for a generated demo key');
    const generated = generateDemoKey('admin');
    apiKeys = [generated];
    demoKey = generated.key;
  }
  const auditTrail = new AuditTrail(new Neo4jAuditStore(db), logger);
  const webhook = webhookSettings(config);
  const alertStore = new Neo4jAlertStore(db, webhook !== null);
  const analysisRuns = new AnalysisRuns(db.settings, new Neo4jAnalysisStore(db), logger, { settings: { ...ALERT_DEFAULTS, growthMembers: config.ALERT_GROWTH_MEMBERS }, deliver: webhook !== null }, {
    workers: config.ANALYSIS_WORKERS,
    keepPlanInputs: config.ANALYSIS_KEEP_PLAN_INPUTS,
    rehearseDays: config.ANALYSIS_REHEARSE_DAY,
  });
  // Live operation: analyses started by the schedule, and alerts pushed to a receiver.
  const schedule: ScheduleSettings = { intervalMinutes: config.ANALYSIS_INTERVAL_MINUTES, afterRecords: config.ANALYSIS_AFTER_RECORDS, checkSeconds: config.ANALYSIS_CHECK_SECONDS };
  const scheduled = scheduleOn(schedule) ? new ScheduledAnalysis(analysisRuns, new Neo4jScheduleSource(db), schedule, logger) : null;
  const delivery = webhook && new WebhookDelivery(alertStore, webhook, logger);
  const app = createApp({ db, apiKeys, logger, auditTrail, analysisRuns, alertStore, schedule: scheduled, rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE });
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const s = app.listen(options.port ?? config.PORT, () => resolve(s)).once('error', reject);
    s.on('clientError', answerClientError);
  });
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  if (demoKey) {
    // Printed on purpose: in demo mode the key exists only here.
    console.log(`ringsight demo mode: admin API key ${demoKey}\n  try: curl -H "Authorization: Bearer ${demoKey}" ${url}/v1/rings`);
  }
  logger.info({ url, neo4j: db.settings.uri, schedule: scheduled ? schedule : 'off', webhook: webhook ? 'on' : 'off' }, 'ringsight API listening');
  delivery?.start();
  scheduled?.start();
  // Neo4j may have just started too: the first day would plan every statement it runs.
  void analysisRuns.rehearse();
  // Runs of a process that died read as failed from the server's start, and within a minute or so of their lease running out.
  void analysisRuns.failAbandoned();
  const stopLookingForAbandonedRuns = repeatEvery(() => analysisRuns.failAbandoned(), 2 * HEARTBEAT_MS);
  // Bundle the ring view now, so the first person to open it does not wait; a failure is
  // logged here and retried (and answered with an error) when the assets are asked for.
  viewAssets().catch((error: unknown) => logger.error({ err: error }, 'the ring view could not be bundled'));
  return {
    url,
    demoKey,
    close: async () => {
      stopLookingForAbandonedRuns();
      await scheduled?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await analysisRuns.close();
      await delivery?.stop();
      await auditTrail.close();
    },
  };
}

function webhookSettings(config: Config): WebhookSettings | null {
  if (!config.WEBHOOK_URL || !config.WEBHOOK_SECRET) return null;
  return { ...WEBHOOK_DEFAULTS, url: config.WEBHOOK_URL, secret: config.WEBHOOK_SECRET, timeoutMs: config.WEBHOOK_TIMEOUT_MS, maxBackoffMs: config.WEBHOOK_MAX_BACKOFF_SECONDS * 1000 };
}
