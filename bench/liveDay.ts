/**
 * Live operation on a loaded graph: one day's records arrive, and the question is how long
 * until the alerts they cause can be read. On the graph already in the database (never
 * cleared here), it
 *   1. makes sure an analysis with alerts has run on the current data with this code and
 *      the default options: else runs a full one with alerts, timed (the full analysis's time);
 *      if one has, runs once as a server does after it starts (nothing new to examine, the
 *      plan's inputs read whole and kept), so that each day, the first too, reads only what
 *      changed, as a running server's days do;
 *   2. builds a day's slice of about 1 % of the records: a scenario of N/100 borrowers from
 *      the generator under another seed, its ids prefixed (`day3-b0000001`) so its borrowers,
 *      complaints, calls, devices, voiceprints and ad sources are new. Phones keep their
 *      numbers, so now and then a new record shares a phone with a borrower already there,
 *      as a real day's would; complaint channels are the platform's, already in the graph;
 *   3. times the ingest (ingestBatch over Neo4jIngestStore, the code behind POST /v1/ingest,
 *      one kind at a time in batches of INGEST_BATCH, as a client sending CLIENT_LANES batches
 *      at once would), the incremental analysis with alerts
 *      (runAnalysis with alertsOnRingsReplaced, keeping the plan inputs from run to run, as
 *      the server's analysis thread does) stage by stage, and the first
 *      GET /v1/alerts?since=<the slice's arrival> on an in-process app.
 * Each slice stays in the graph: the next one (and the next bench) builds on it, as the
 * next day would. The generator's own daily slices (dailyScenario.ts) are not used: they cut
 * one scenario into days, so a later day's records are about borrowers of earlier days that
 * the loaded graph does not hold (its day 1 holds the whole history instead).
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { loadAverages } from './loadAverage';
import { watchCompilation, type Compilation } from './planCompilation';
import pino from 'pino';
import { runAnalysis, effectiveOptions, type AnalysisSummary } from '../src/analysis/runAnalysis';
import { PlanInputsCache } from '../src/analysis/planInputsCache';
import { rehearseDay, type DayRehearsal } from '../src/analysis/dayRehearsal';
import { ALERT_DEFAULTS } from '../src/alerts/riskEvents';
import type { RingsReplacedListener } from '../src/analysis/ports';
import { alertsOnRingsReplaced } from '../src/alerts/raiseAlerts';
import { AuditTrail } from '../src/audit/auditTrail';
import type { AnalysisScope } from '../src/contract/analysisRun';
import { sameOptions } from '../src/analysis/analysisScope';
import { emptyEvidence, type Evidence } from '../src/contract/evidence';
import { RECORD_KINDS, type RecordKind, type RecordOf } from '../src/contract/ingestBatch';
import type { PlanInputs } from '../src/detection/componentPlan';
import type { PlanInputChanges } from '../src/detection/planInputChanges';
import { createApp } from '../src/http/app';
import { ingestBatch } from '../src/ingest/ingestBatch';
import { MAX_PAGE_SIZE } from '../src/investigation/schemas/common';
import { Neo4jAlertStore } from '../src/neo4j/alertStore';
import { Neo4jAnalysisStore } from '../src/neo4j/analysisStore';
import { Neo4jAuditStore } from '../src/neo4j/auditRepository';
import type { GraphDatabase } from '../src/neo4j/graphDatabase';
import { Neo4jIngestStore } from '../src/neo4j/ingestStore';
import { toNumber } from '../src/neo4j/values';
import { forEachScenarioChunk } from '../src/scenario/generateScenario';
import { codeVersion } from '../src/version';
import { INGEST_BATCH } from './loadRate';
import { splitIntoLanes } from '../src/bulk/writerLanes';

/** The target for "ingest to alerts readable" on the 1,000,000-borrower graph; reported, not asserted. */
export const LIVE_DAY_TARGET_SECONDS = 5;
/**
 * Batches the client keeps in flight, each lane's records locking no node another lane's
 * do (splitIntoLanes, as the bulk loader's writers): lanes that shared borrowers waited on
 * each other's locks and gained nothing over one batch at a time.
 */
const CLIENT_LANES = 2;
/** A day's slice as a share of the graph's borrowers (and so, about, of its records). */
const DAY_SHARE = 0.01;
const ADMIN_KEY = 'bench-admin-key-0123456789';

/** Milliseconds of one slice, from the first batch sent to the first page of alerts read. */
export interface LiveDayStages {
  ingest: number;
  /** Of ingest: each kind's batches. */
  ingestByKind: Partial<Record<RecordKind, number>>;
  /** From the day's last batch sent to its alerts read: what a client sending records through the day would wait. */
  lastBatchToAlerts: number;
  /** Run recorded, last rings read, plan inputs read where the data is, components planned, scope decided. */
  plan: number;
  /** Of plan: waiting for the plan's inputs (shared ties, ad sources, campaign records). */
  planRead: number;
  /** Of plan: the run's bookkeeping reads (last rings, last plan, claimed stamps, recruits of resized sources). */
  scopeRead: number;
  /** The re-examined components read and detected, rings named against the last run's. */
  detect: number;
  /** Of detect: waiting for the components' records. */
  detectRead: number;
  /** Rings, members and tools written out of sight, then swapped in with the plan and the run in one transaction. */
  write: number;
  /** Alerts and cases raised from the rings in place (one transaction). */
  alerts: number;
  /** GET /v1/alerts?since=<the slice's first batch>, first page. */
  firstRead: number;
  total: number;
}

export interface LiveDaySlice {
  prefix: string;
  seed: number;
  borrowers: number;
  records: number;
  batches: number;
  /** Batches the client kept in flight, on records that lock no node in common. */
  lanes: number;
  stages: LiveDayStages;
  scope: AnalysisScope;
  /** Borrowers whose records the run read to re-examine their components. */
  reexaminedBorrowers: number;
  /** How the plan's inputs were read: the last run's brought up to date (as a server's runs after its first), or everything (the first run of a process). */
  planInputs: 'changes' | 'whole';
  ringsWritten: number;
  suspected: number;
  /** Alerts raised since the slice arrived, and how many the first page showed. */
  alertsRaised: number;
  alertsOnFirstPage: number;
  /** 1-minute load average before the slice and after its alerts were read. */
  loadBefore: number;
  loadAfter: number;
  /** Neo4j's plan compilation from the first batch to the alerts read (planCompilation.ts), or null when unmeasured. */
  compilation: Compilation | null;
}

export interface LiveDayFigures {
  /** Borrowers in the graph before the first slice. */
  borrowers: number;
  full: { ms: number; alertsMs: number | null; runId: string; how: 'measured' | 'recorded'; loadAverage: number[] };
  /**
   * When the full analysis was recorded rather than run here: the process's first run, as a
   * server's first after it starts (nothing new; the plan's inputs read whole and kept, so
   * day 1 reads only its changes, as every day of a running server does).
   */
  firstRun: { ms: number; runId: string } | null;
  /**
   * The day rehearsed before the first, as a server does when it starts and after a run that
   * examined every component (dayRehearsal.ts); null when not rehearsed (`--no-rehearsal`).
   */
  rehearsal: DayRehearsal | null;
  slices: LiveDaySlice[];
  /** Why plan compilation went unmeasured, or null. */
  compilationUnavailable: string | null;
  /** 1, 5 and 15-minute load averages when the live day started and when it ended. */
  loadStart: number[];
  loadEnd: number[];
}

const round = (ms: number) => Math.round(ms);

/**
 * The analysis store, timing what the run waits for: per stage, the time at least one of
 * its reads was in flight, so reads side by side count once.
 */
class TimedAnalysisStore extends Neo4jAnalysisStore {
  readonly ms = { planRead: 0, scopeRead: 0, detectRead: 0 };
  borrowersRead = 0;
  private readonly inFlight = { planRead: { count: 0, since: 0 }, scopeRead: { count: 0, since: 0 }, detectRead: { count: 0, since: 0 } };

  private async timed<T>(stage: keyof TimedAnalysisStore['ms'], work: () => Promise<T>): Promise<T> {
    const flight = this.inFlight[stage];
    if (flight.count++ === 0) flight.since = performance.now();
    try {
      return await work();
    } finally {
      if (--flight.count === 0) this.ms[stage] += performance.now() - flight.since;
    }
  }

  override readPlanInputs(maxSmallSourceRecruits: number, onProgress?: (step: string) => void, touched?: readonly string[] | null): Promise<PlanInputs> {
    return this.timed('planRead', () => super.readPlanInputs(maxSmallSourceRecruits, onProgress, touched));
  }
  override readPlanInputChanges(maxSmallSourceRecruits: number, touched: readonly string[], lastSizes: PlanInputs['adSourceRecruits']): Promise<PlanInputChanges> {
    return this.timed('planRead', () => super.readPlanInputChanges(maxSmallSourceRecruits, touched, lastSizes));
  }
  override readEvidenceOf(borrowerIds: readonly string[]): Promise<Evidence> {
    this.borrowersRead += borrowerIds.length;
    // Batches after the first are read while the one before is detected; their time may exceed the wait.
    return this.timed('detectRead', () => super.readEvidenceOf(borrowerIds));
  }
  override previousRings() {
    return this.timed('scopeRead', () => super.previousRings());
  }
  override claimTouched(runId: string) {
    return this.timed('scopeRead', () => super.claimTouched(runId));
  }
  override lastPlan() {
    return this.timed('scopeRead', () => super.lastPlan());
  }
  override recruitsOf(adSourceIds: readonly string[]) {
    return this.timed('scopeRead', () => super.recruitsOf(adSourceIds));
  }
}

/** Wraps a listener to time it. */
function timedListener(listener: RingsReplacedListener, onTimed: (start: number, end: number) => void): RingsReplacedListener {
  return async (rings, run, standing) => {
    const start = performance.now();
    try {
      await listener(rings, run, standing);
    } finally {
      onTimed(start, performance.now());
    }
  };
}

async function query(db: GraphDatabase, statement: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
  const { records } = await db.driver.executeQuery(statement, params, { database: db.settings.database });
  return records.map((r) => r.toObject() as Record<string, unknown>);
}

/**
 * Whether the current data has been analysed, with alerts, by this code with the default
 * options: only then is the next run incremental and are its alerts the day's alone.
 */
async function alertsAreCurrent(db: GraphDatabase): Promise<{ runId: string; ms: number } | null> {
  const [last] = await query(
    db,
    `MATCH (run:AnalysisRun {status: 'succeeded'})
     WITH run ORDER BY run.finishedAt DESC, run.id DESC LIMIT 1
     OPTIONAL MATCH (s:AlertState {id: 'alerts'})
     RETURN run.id AS runId, run.codeVersion AS codeVersion, run.options AS options, s.runId AS alertsSaw`,
  );
  if (!last || last.alertsSaw !== last.runId || last.codeVersion !== codeVersion()) return null;
  const store = new Neo4jAnalysisStore(db);
  const plan = await store.lastPlan();
  // Options read back from the graph may hold nested keys in another order.
  if (!plan || !sameOptions(plan.options, effectiveOptions())) return null;
  const [unclaimed] = await query(db, `MATCH (s:IngestStamp) WHERE s.analysedBy IS NULL RETURN count(s) AS n`);
  if (toNumber(unclaimed!.n) > 0) return null;
  // The full analysis's time: the latest full run of this code, as recorded.
  for (const run of await store.runs(50)) {
    if (run.status === 'succeeded' && run.codeVersion === codeVersion() && run.scope?.mode === 'full' && run.timings) return { runId: run.id, ms: run.timings.total };
  }
  return null;
}

/** The next unused day prefix: slices of earlier benches stay in the graph. */
export async function nextDay(db: GraphDatabase): Promise<number> {
  for (let day = 1; ; day++) {
    const [row] = await query(db, 'MATCH (b:Borrower {id: $id}) RETURN count(b) AS n', { id: `day${day}-b0000001` });
    if (toNumber(row!.n) === 0) return day;
  }
}

/**
 * A scenario of `borrowers` borrowers under `seed`, as a platform's export would send it
 * (before validation), every id but the platform's complaint channels prefixed so it names
 * new people, devices, voices, events and ad sources. Phones keep their numbers.
 */
export function daySlice(borrowers: number, seed: number, prefix: string): Evidence {
  const day = emptyEvidence();
  const p = (id: string) => `${prefix}${id}`;
  const po = (id: string | undefined) => (id === undefined ? undefined : p(id));
  forEachScenarioChunk({ borrowers, seed }, (chunk) => {
    day.borrowers.push(...chunk.borrowers.map((b) => ({ ...b, id: p(b.id), ...(b.idNumberHash ? { idNumberHash: p(b.idNumberHash) } : {}) })));
    day.adSources.push(...chunk.adSources.map((s) => ({ ...s, id: p(s.id) })));
    day.complaintChannels.push(...chunk.complaintChannels);
    day.phoneLinks.push(...chunk.phoneLinks.map((l) => ({ ...l, borrowerId: p(l.borrowerId) })));
    day.deviceLinks.push(...chunk.deviceLinks.map((l) => ({ ...l, borrowerId: p(l.borrowerId), deviceId: p(l.deviceId) })));
    day.recruitments.push(...chunk.recruitments.map((r) => ({ ...r, borrowerId: p(r.borrowerId), adSourceId: p(r.adSourceId) })));
    day.complaints.push(...chunk.complaints.map((c) => dropUndefined({ ...c, id: p(c.id), borrowerId: p(c.borrowerId), deviceId: po(c.deviceId) })));
    day.calls.push(...chunk.calls.map((c) => dropUndefined({ ...c, id: p(c.id), borrowerId: p(c.borrowerId), voiceprintId: po(c.voiceprintId) })));
  });
  return day;
}

function dropUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

/** Borrowers of the loaded scenario, the graph's without the days' slices: a day is DAY_SHARE of them. */
export async function scenarioBorrowers(db: GraphDatabase): Promise<number> {
  const [scenario] = await query(db, "MATCH (b:Borrower) WHERE NOT b.id STARTS WITH 'day' RETURN count(b) AS n");
  return toNumber(scenario!.n);
}

/** Day `day`'s slice (prefix `day<N>-`, seed 1000 + N) on a platform of `scenario` borrowers, without the known channels. */
export async function dayOf(db: GraphDatabase, day: number, scenario: number) {
  const prefix = `day${day}-`;
  const seed = 1000 + day;
  const borrowers = Math.max(1, Math.round(scenario * DAY_SHARE));
  const slice = await withoutKnownChannels(db, daySlice(borrowers, seed, prefix));
  return { prefix, seed, borrowers, slice, records: recordsIn(slice) };
}

export const recordsIn = (slice: Evidence): number => RECORD_KINDS.reduce((n, kind) => n + slice[kind].length, 0);

/** What sending a day's records took: when its last batch was sent, how many batches, and each kind's time (ms). */
export interface SentDay {
  lastBatch: number;
  batches: number;
  byKind: Partial<Record<RecordKind, number>>;
}

/**
 * Sends a day's records as the bench's client does, to `send` (the ingest's code, or POST
 * /v1/ingest): one kind at a time in contract order, so every reference resolves to the graph
 * or the batch, in batches of INGEST_BATCH, CLIENT_LANES of them in flight on records that
 * lock no node in common.
 */
export async function sendInLanes(slice: Evidence, send: (batch: Partial<Record<RecordKind, unknown[]>>) => Promise<unknown>): Promise<SentDay> {
  const sent: SentDay = { lastBatch: performance.now(), batches: 0, byKind: {} };
  for (const kind of RECORD_KINDS) {
    const rows = slice[kind];
    const kindStart = performance.now();
    const lanes = splitIntoLanes(kind, rows as RecordOf<typeof kind>[], CLIENT_LANES);
    await Promise.all(
      lanes.map(async (lane) => {
        for (let start = 0; start < lane.length; start += INGEST_BATCH) {
          sent.lastBatch = performance.now();
          await send({ [kind]: lane.slice(start, start + INGEST_BATCH) });
          sent.batches++;
        }
      }),
    );
    if (rows.length > 0) sent.byKind[kind] = round(performance.now() - kindStart);
  }
  return sent;
}

/** The platform's complaint channels are reference data already in the graph: a day does not send them again. */
async function withoutKnownChannels(db: GraphDatabase, slice: Evidence): Promise<Evidence> {
  const ids = slice.complaintChannels.map((c) => c.id);
  const [row] = await query(db, 'MATCH (c:ComplaintChannel) WHERE c.id IN $ids RETURN count(c) AS n', { ids });
  if (toNumber(row!.n) !== ids.length) throw new Error(`the graph lacks some of the scenario's complaint channels (${ids.join(', ')}): load a scenario first`);
  return { ...slice, complaintChannels: [] };
}

/** An in-process app on a free port, as a client would read alerts from it. */
async function alertReader(db: GraphDatabase): Promise<{ read: (since: string) => Promise<{ alerts: unknown[]; nextCursor: string | null }>; close: () => Promise<void> }> {
  const auditTrail = new AuditTrail(new Neo4jAuditStore(db), pino({ level: 'silent' }));
  const app = createApp({ db, apiKeys: [{ role: 'admin', key: ADMIN_KEY }], auditTrail, rateLimitPerMinute: 1_000_000 });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/alerts`;
  return {
    read: async (since) => {
      const response = await fetch(`${base}?since=${encodeURIComponent(since)}&limit=${MAX_PAGE_SIZE}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
      if (!response.ok) throw new Error(`GET /v1/alerts answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      return (await response.json()) as { alerts: unknown[]; nextCursor: string | null };
    },
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await auditTrail.close();
    },
  };
}

/** One analysis with alerts, as the server runs them, timed stage by stage. */
async function analyseWithAlerts(db: GraphDatabase, full: boolean, planCache: PlanInputsCache) {
  const store = new TimedAnalysisStore(db);
  const marks = { start: performance.now(), batches: 0, writing: 0, alertsStart: 0, alertsEnd: 0 };
  let alertsError: Error | null = null;
  const alerts = alertsOnRingsReplaced(new Neo4jAlertStore(db), undefined, (error) => (alertsError = error));
  const summary: AnalysisSummary = await runAnalysis(
    store,
    { full },
    (p) => {
      if (p.step === 'batches' && marks.batches === 0) marks.batches = performance.now();
      if (p.stage === 'writing') marks.writing = performance.now();
    },
    undefined,
    timedListener(alerts, (start, end) => {
      marks.alertsStart = start;
      marks.alertsEnd = end;
    }),
    planCache,
  );
  if (alertsError) throw new Error(`the run's alerts failed: ${(alertsError as Error).message}`);
  return { summary, store, marks };
}

/**
 * Days measured by default: one day's figure moves by more than a second with the host's
 * load and with what ran before it (the first day after a full analysis, or after Neo4j
 * started, is the slowest), so the report gives the spread over several.
 */
export const LIVE_DAYS = 5;

/**
 * Measures `slices` days, one after another, on the graph in `db`. `log` reports progress.
 */
export async function measureLiveDay(db: GraphDatabase, log: (line: string) => void, slices = LIVE_DAYS, rehearse = true): Promise<LiveDayFigures> {
  const loadStart = loadAverages();
  const [count] = await query(db, 'MATCH (b:Borrower) RETURN count(b) AS n');
  const graphBorrowers = toNumber(count!.n);
  if (graphBorrowers === 0) throw new Error('live day: the graph holds no borrowers; load a scenario first');
  const scenario = await scenarioBorrowers(db);
  log(`live day: ${graphBorrowers} borrowers in ${db.settings.uri} (${scenario} of the loaded scenario)`);

  let full: LiveDayFigures['full'];
  let firstRun: LiveDayFigures['firstRun'] = null;
  // As a server's: the first run of the process reads the plan's inputs whole and keeps them; each later run reads only what changed.
  const planCache = new PlanInputsCache();
  const current = await alertsAreCurrent(db);
  let rehearsal: DayRehearsal | null = null;
  // As a server rehearses a day when it starts and after a run that examined every component.
  const rehearseAsServer = async () => {
    if (!rehearse) return;
    rehearsal = await rehearseDay(db, { planCache, alerts: { settings: ALERT_DEFAULTS, deliver: false } });
    log(`live day: a day rehearsed, every write rolled back: ${rehearsal ? `${(rehearsal.ms / 1000).toFixed(1)} s, ${rehearsal.batches} batches, analysis ${JSON.stringify(rehearsal.analysis)}` : 'nothing to rehearse with'}`);
  };
  if (current) {
    full = { ms: current.ms, alertsMs: null, runId: current.runId, how: 'recorded', loadAverage: loadAverages() };
    log(`live day: alerts have seen run ${current.runId}; the latest full run took ${(current.ms / 1000).toFixed(1)} s`);
    await rehearseAsServer();
    if (planCache.empty) {
      const { summary } = await analyseWithAlerts(db, false, planCache);
      firstRun = { ms: summary.timings.total, runId: summary.runId };
      log(`live day: the process's first run, nothing new, plan inputs read ${summary.scope.planInputs}: ${(firstRun.ms / 1000).toFixed(1)} s`);
    }
  } else {
    log('live day: no analysis with alerts on the current data by this code; running a full one');
    const { summary, marks } = await analyseWithAlerts(db, true, planCache);
    full = { ms: summary.timings.total, alertsMs: round(marks.alertsEnd - marks.alertsStart), runId: summary.runId, how: 'measured', loadAverage: loadAverages() };
    log(`live day: full analysis ${(full.ms / 1000).toFixed(1)} s, its alerts ${(full.alertsMs! / 1000).toFixed(1)} s (${summary.suspected} suspected)`);
    await rehearseAsServer();
  }

  const reader = await alertReader(db);
  const compiling = await watchCompilation(db);
  if (compiling.unavailable) log(`live day: plan compilation not measured: ${compiling.unavailable}`);
  const out: LiveDaySlice[] = [];
  try {
    for (let i = 0; i < slices; i++) {
      const { prefix, seed, borrowers, slice, records } = await dayOf(db, await nextDay(db), scenario);
      log(`live day ${prefix}: ${borrowers} new borrowers, ${records} records (seed ${seed})`);
      const loadBefore = loadAverages()[0]!;

      const startedAt = Date.now();
      const since = new Date(startedAt).toISOString();
      const t0 = performance.now();
      const ingestStore = new Neo4jIngestStore(db);
      const { lastBatch, batches, byKind: ingestByKind } = await sendInLanes(slice, (batch) => ingestBatch(ingestStore, batch));
      const ingested = performance.now();
      const { summary, store, marks } = await analyseWithAlerts(db, false, planCache);
      const readStart = performance.now();
      const page = await reader.read(since);
      const done = performance.now();
      const doneAt = Date.now();
      const raised = await new Neo4jAlertStore(db).list({ since, after: null, limit: 100_000, status: null, kind: null, ringId: null });

      const stages: LiveDayStages = {
        ingest: round(ingested - t0),
        ingestByKind,
        lastBatchToAlerts: round(done - lastBatch),
        plan: round(marks.batches - marks.start),
        planRead: round(store.ms.planRead),
        scopeRead: round(store.ms.scopeRead),
        detect: round(marks.writing - marks.batches),
        detectRead: round(store.ms.detectRead),
        write: round(marks.alertsStart - marks.writing),
        alerts: round(marks.alertsEnd - marks.alertsStart),
        firstRead: round(done - readStart),
        total: round(done - t0),
      };
      const figures: LiveDaySlice = {
        prefix,
        seed,
        borrowers,
        records,
        batches,
        lanes: CLIENT_LANES,
        stages,
        scope: summary.scope,
        reexaminedBorrowers: store.borrowersRead,
        planInputs: summary.scope.planInputs ?? 'whole',
        ringsWritten: summary.written,
        suspected: summary.suspected,
        alertsRaised: raised.length,
        alertsOnFirstPage: page.alerts.length,
        loadBefore,
        loadAfter: loadAverages()[0]!,
        compilation: await compiling.within(startedAt, doneAt),
      };
      out.push(figures);
      log(
        `live day ${prefix}: ingest to alerts readable ${(stages.total / 1000).toFixed(1)} s ` +
          `(ingest ${stages.ingest} [${Object.entries(stages.ingestByKind).map(([k, ms]) => `${k} ${ms}`).join(', ')}], plan ${stages.plan}, detect ${stages.detect}, write ${stages.write}, alerts ${stages.alerts}, read ${stages.firstRead} ms); ` +
          `last batch to alerts ${(stages.lastBatchToAlerts / 1000).toFixed(1)} s; ` +
          (figures.compilation ? `Neo4j compiled ${figures.compilation.planned} plans in ${figures.compilation.ms} ms; ` : '') +
          `plan inputs ${figures.planInputs}; ${summary.scope.mode}: ${summary.scope.analysedComponents} of ${summary.scope.components} components, ${store.borrowersRead} borrowers, ${summary.scope.keptRings} rings kept; ${raised.length} alerts`,
      );
    }
  } finally {
    await reader.close();
    await compiling.stop();
  }
  return { borrowers: graphBorrowers, full, firstRun, rehearsal, slices: out, compilationUnavailable: compiling.unavailable, loadStart, loadEnd: loadAverages() };
}
