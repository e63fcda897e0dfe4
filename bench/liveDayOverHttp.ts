/**
 * The live day as a client of a running server sees it: `npm start`'s command in a process
 * of its own, with ANALYSIS_AFTER_RECORDS set to a day's record count and its schedule
 * checked only hourly, so the run that raises the day's alerts is the one its last batch
 * starts (see ScheduledAnalysis.recordsArrived). The day's slice (daySlice, as the live day
 * builds it) goes over HTTP to POST /v1/ingest as the live day sends it (sendInLanes: batches
 * of INGEST_BATCH in lanes that share no node), and the time is taken until GET
 * /v1/alerts?since= returns the alerts of the run those records started. The server
 * rehearses a day when it starts and after a run that examined every component
 * (dayRehearsal.ts); each day waits for that to end, as days that come hours apart would.
 * Day 1 is reported apart: it is the server's first run, which examines everything when the
 * code changed since the last run, and reads the plan inputs whole unless its rehearsal kept them.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { RECORD_KINDS, type RecordKind } from '../src/contract/ingestBatch';
import type { Evidence } from '../src/contract/evidence';
import type { GraphDatabase } from '../src/neo4j/graphDatabase';
import { dayOf, LIVE_DAY_TARGET_SECONDS, nextDay, recordsIn, scenarioBorrowers, sendInLanes } from './liveDay';
import { compilationCell, watchCompilation, type Compilation } from './planCompilation';

const KEY = `admin-bench-${process.pid}-0123456789abcdef`;
const PORT = 8097;
const BASE = `http://127.0.0.1:${PORT}`;
const HEADERS = { Authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface HttpDay {
  day: number;
  records: number;
  ingestMs: number;
  toAlertsMs: number;
  lastBatchToAlertsMs: number;
  runId: string;
  scope: string;
  alerts: number;
  /** Neo4j's plan compilation from the first batch to the alerts read, or null when unmeasured. */
  compilation: Compilation | null;
}

async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${BASE}${path}`, { ...init, headers: HEADERS });
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Waits until the server rehearses no day (dayRehearsal.ts; /metrics counts them): it
 * rehearses one when it starts and after a run that examined every component, and a day's
 * run would wait for it, where days that come hours apart find it done. Returns the time waited.
 */
async function rehearsalsSettled(): Promise<number> {
  const started = performance.now();
  await pause(500);
  for (;;) {
    const text = await (await fetch(`${BASE}/metrics`)).text();
    if (!/^ringsight_day_rehearsals\{outcome="running"\} 1$/m.test(text)) return Math.round(performance.now() - started);
    await pause(200);
  }
}

/** `npm start`'s command against the same Neo4j, in a process group of its own (stopped whole). */
function startServerProcess(db: GraphDatabase, afterRecords: number) {
  const tsx = join(__dirname, '..', 'node_modules', '.bin', 'tsx');
  const server = spawn(tsx, ['--max-semi-space-size=64', 'src/cli/serve.ts'], {
    cwd: join(__dirname, '..'),
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      NEO4J_URI: db.settings.uri,
      NEO4J_USER: db.settings.user,
      NEO4J_PASSWORD: db.settings.password,
      API_KEYS: `admin:${KEY}`,
      PORT: String(PORT),
      ANALYSIS_AFTER_RECORDS: String(afterRecords),
      ANALYSIS_CHECK_SECONDS: '3600',
      RATE_LIMIT_PER_MINUTE: '100000',
      LOG_LEVEL: 'warn',
    },
  });
  return { stop: () => server.pid && process.kill(-server.pid, 'SIGTERM') };
}

/** The slice's first `count` records, kind by kind in contract order. */
function firstRecords(slice: Evidence, count: number): Evidence {
  let budget = count;
  const out = { ...slice };
  for (const kind of RECORD_KINDS) {
    const rows = (slice[kind] as unknown[]).slice(0, budget);
    budget -= rows.length;
    (out as Record<RecordKind, unknown[]>)[kind] = rows;
  }
  return out;
}

/** Waits for the run started since `since` to succeed, then reads its alerts. */
async function alertsOfDay(since: string): Promise<{ runId: string; alerts: number }> {
  type Runs = { runs: { id: string; status: string; startedAt: string }[]; inProgress: unknown };
  for (;;) {
    const { runs, inProgress } = await api<Runs>('/v1/analysis?limit=1');
    const run = runs[0];
    if (run && run.startedAt >= since && run.status === 'failed') throw new Error(`run ${run.id} failed`);
    if (run && run.startedAt >= since && run.status === 'succeeded' && inProgress === null) {
      const { alerts } = await api<{ alerts: { runId: string }[] }>(`/v1/alerts?since=${encodeURIComponent(since)}&limit=100`);
      return { runId: run.id, alerts: alerts.filter((alert) => alert.runId === run.id).length };
    }
    await pause(25);
  }
}

export async function measureLiveDayOverHttp(db: GraphDatabase, log: (line: string) => void, days: number): Promise<HttpDay[]> {
  // The live day's slices (bench/liveDay.ts), all built before the server starts.
  const scenario = await scenarioBorrowers(db);
  const first = await nextDay(db);
  const slices = (await Promise.all(Array.from({ length: days }, (_, i) => dayOf(db, first + i, scenario)))).map((day) => day.slice);
  // Every day sends the same number of records, so each crosses the count with its last batch.
  const records = Math.min(...slices.map(recordsIn));
  log(`live day over HTTP: days ${first}..${first + days - 1}, ${records} records each, ANALYSIS_AFTER_RECORDS=${records}`);
  const server = startServerProcess(db, records);
  const compiling = await watchCompilation(db);
  if (compiling.unavailable) log(`live day over HTTP: plan compilation not measured: ${compiling.unavailable}`);
  const out: HttpDay[] = [];
  try {
    for (;;) {
      try {
        await api('/v1/analysis?limit=1');
        break;
      } catch {
        await pause(200);
      }
    }
    for (const [i, slice] of slices.entries()) {
      const waited = await rehearsalsSettled();
      if (waited > 1_000) log(`live day over HTTP: waited ${(waited / 1000).toFixed(1)} s for the server's day rehearsal to end`);
      const startedAt = Date.now();
      const since = new Date(startedAt).toISOString();
      const t0 = performance.now();
      const { lastBatch } = await sendInLanes(firstRecords(slice, records), (batch) => api('/v1/ingest', { method: 'POST', body: JSON.stringify(batch) }));
      const ingested = performance.now();
      const { runId, alerts } = await alertsOfDay(since);
      const done = performance.now();
      const compilation = await compiling.within(startedAt, Date.now());
      const run = await api<{ scope: { mode: string; planInputs?: string } }>(`/v1/analysis/${runId}`);
      const day = { day: first + i, records, ingestMs: Math.round(ingested - t0), toAlertsMs: Math.round(done - t0), lastBatchToAlertsMs: Math.round(done - lastBatch), runId, scope: `${run.scope.mode}, plan inputs ${run.scope.planInputs ?? 'whole'}`, alerts, compilation };
      log(`live day over HTTP day${day.day}-: alerts readable ${(day.toAlertsMs / 1000).toFixed(1)} s after the first batch (ingest ${day.ingestMs} ms), ${(day.lastBatchToAlertsMs / 1000).toFixed(1)} s after the last; ${alerts} alerts; ${day.scope}`);
      out.push(day);
    }
  } finally {
    server.stop();
    await compiling.stop();
  }
  return out;
}

export const LIVE_DAY_OVER_HTTP_HEADING = '## Live day over HTTP';

/** A table of the days, with how many after the first were within the target. */
export function liveDayOverHttpMarkdown(days: HttpDay[], graphBorrowers: number): string {
  const later = days.slice(1);
  const within = later.filter((day) => day.toAlertsMs <= LIVE_DAY_TARGET_SECONDS * 1000).length;
  return [
    `${LIVE_DAY_OVER_HTTP_HEADING} (a day's slice through POST /v1/ingest to a server started for it, on the ${graphBorrowers.toLocaleString('en')}-borrower graph), ms`,
    '',
    "| day | records | ingest over HTTP | first batch to alerts readable | last batch to alerts readable | alerts | the run | Neo4j's plan compilation, ms / plans made |",
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
    ...days.map(
      (d, i) =>
        `| ${i === 0 ? 'day 1 (the server\'s first run)' : `day ${i + 1}`} | ${d.records.toLocaleString('en')} | ${d.ingestMs.toLocaleString('en')} | **${d.toAlertsMs.toLocaleString('en')}** | ${d.lastBatchToAlertsMs.toLocaleString('en')} | ${d.alerts} | ${d.scope} | ${compilationCell(d.compilation)} |`,
    ),
    '',
    `Target: ${LIVE_DAY_TARGET_SECONDS} s from the first batch to the alerts readable; within on ${within} of the ${later.length} days after the server's first run.`,
  ].join('\n');
}
