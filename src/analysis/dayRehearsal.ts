import { raiseAlerts, snapshotOf } from '../alerts/raiseAlerts';
import type { RingSnapshot } from '../contract/alert';
import type { AlertSettings } from '../alerts/riskEvents';
import type { AnalysisRun, RunTimings } from '../contract/analysisRun';
import type { Hub, Ring } from '../contract/ring';
import type { DetectionStats } from '../detection';
import { ingestBatch } from '../ingest/ingestBatch';
import { rehearsalBatches, type RehearsalCast } from '../ingest/rehearsalBatches';
import { Neo4jAlertStore } from '../neo4j/alertStore';
import { Neo4jAnalysisStore } from '../neo4j/analysisStore';
import { cypher } from '../neo4j/cypherFiles';
import type { GraphDatabase } from '../neo4j/graphDatabase';
import { Neo4jIngestStore } from '../neo4j/ingestStore';
import { WRITE_CHUNK } from '../neo4j/ingestWriter';
import { field } from '../neo4j/plainValues';
import { RolledBackDatabase } from '../neo4j/rolledBackDatabase';
import { int } from '../neo4j/values';
import { SHARED_LABELLING } from '../neo4j/planReader';
import type { RingsReplacedListener, RunOutcome } from './ports';
import type { PlanInputsCache } from './planInputsCache';
import { newRunId, runAnalysis } from './runAnalysis';

/**
 * A day rehearsed before it comes: its ingest and its incremental analysis run through the
 * code's own stores on a database whose write transactions all roll back, so Neo4j makes
 * the plans a day's statements need while nobody waits for them. Neo4j plans a statement
 * the first time it runs it, per parameter types and per whether its transaction holds
 * changes, and keeps the plan until it restarts; a database's first day made 33–35 plans
 * in about 2 s of Neo4j's time, and a day after a restart of Neo4j up to 69 in 5 s, against
 * 1–13 on the days after. A rehearsal changes nothing in the graph: every write is undone,
 * and reads see only what is committed.
 */

/** Records per kind in the rehearsed batches: one size per power of ten a day's lists fall in, up to a write chunk. */
export const REHEARSAL_SIZES = [10, 100, 1_000, WRITE_CHUNK] as const;

/** Borrowers the rehearsed analysis examines when no run has claimed writes yet: about a day's at 1,000,000 borrowers. */
export const DAY_BORROWERS = 1_000;

export interface DayRehearsal {
  ms: number;
  /** Batches ingested, each rolled back. */
  batches: number;
  /**
   * The incremental analysis rehearsed, with the borrowers it examined and whether the
   * plan inputs it read whole were kept for the next run, or why it was not rehearsed.
   */
  analysis: { touched: number; ms: number; planInputsKept: boolean } | { skipped: string };
}

export interface RehearsalSettings {
  planCache?: PlanInputsCache | null;
  /** Alerts as the server raises them (with one ring of the rehearsal's own, so that some are); null rehearses a run without them. */
  alerts?: { settings: AlertSettings; deliver: boolean } | null;
  sizes?: readonly number[];
}

/**
 * Rehearses a day: the batches of rehearsalBatches, then the analysis the next run would
 * make (RehearsedAnalysisStore below). Null when the graph holds nothing to rehearse with
 * (no borrower, ad source or complaint channel yet).
 */
export async function rehearseDay(db: GraphDatabase, settings: RehearsalSettings = {}): Promise<DayRehearsal | null> {
  const started = performance.now();
  const sizes = settings.sizes ?? REHEARSAL_SIZES;
  const cast = await readCast(db, Math.max(...sizes));
  if (!cast) return null;
  const rolledBack = new RolledBackDatabase(db);
  const ingestStore = new Neo4jIngestStore(rolledBack);
  const batches = rehearsalBatches(cast, sizes, new Date().toISOString());
  for (const batch of batches) await ingestBatch(ingestStore, batch);
  const analysis = await rehearseAnalysis(db, rolledBack, cast, settings);
  return { ms: Math.round(performance.now() - started), batches: batches.length, analysis };
}

/**
 * The next run as the server would make it, on the rolled-back database: with the last
 * run's options, building on the kept plan inputs (a copy: the real ones stay for the
 * real run), examining the writes no run has claimed yet or, when there are none, those
 * the last run examined. It fails rather than examine every component: a run that cannot
 * build on the last is not a day's.
 */
async function rehearseAnalysis(db: GraphDatabase, rolledBack: RolledBackDatabase, cast: RehearsalCast, settings: RehearsalSettings): Promise<DayRehearsal['analysis']> {
  const started = performance.now();
  const probe = new Neo4jAnalysisStore(rolledBack);
  const last = await probe.lastPlan();
  if (!last) return { skipped: 'no successful run to build on' };
  const claimed = await probe.claimTouched(newRunId());
  if (claimed === null) return { skipped: 'records were written without a note of whom they are about: the next run examines every component' };
  const touched = claimed.length > 0 ? claimed : await claimedBy(db, last.runId, cast);
  // A run reads every recruit of the small ad sources that grew past their bound; a day's often does.
  await probe.recruitsOf([cast.adSource]);
  const alerts = settings.alerts ? rehearsalAlerts(rolledBack, settings.alerts, touched) : null;
  const rehearse = async (inputs: PlanInputsCache | null) => {
    await runAnalysis(new RehearsedAnalysisStore(rolledBack, touched), { options: last.options, onlyIfIncremental: true }, () => {}, newRunId(), alerts?.listener, inputs);
    if (alerts?.outcome.failure) throw alerts.outcome.failure;
  };
  const { planCache } = settings;
  const inputs = planCache?.copy() ?? null;
  await rehearse(inputs);
  // With no inputs kept (a server just started), the rehearsal read them whole: the graph as
  // the last run left it, with what was written since, some of it perhaps not yet in the
  // inputs (its Shared labels are the next run's to set, the rehearsal's were rolled back).
  // So are the inputs of any run that records arrive during: the next run brings the
  // writes since the last one up to date, whatever the inputs hold of them. That run reads
  // only what changed, with statements a whole read does not run: they are rehearsed too.
  const adopted = planCache != null && planCache.empty;
  if (adopted) {
    planCache.adopt(inputs!, last.runId);
    await rehearse(planCache.copy());
  }
  return { touched: touched.length, ms: Math.round(performance.now() - started), planInputsKept: adopted };
}

/**
 * The run's alerts as the server raises them, with the rehearsal's own ring beside the
 * run's. The listener never rejects (a run's listener must not); what failed is kept in
 * `outcome` for the rehearsal to report.
 */
function rehearsalAlerts(db: RolledBackDatabase, alerts: NonNullable<RehearsalSettings['alerts']>, touched: readonly string[]) {
  const store = new Neo4jAlertStore(db, alerts.deliver);
  const outcome: { failure: Error | null } = { failure: null };
  const listener: RingsReplacedListener = async (rings, run, standing) => {
    try {
      await raiseAlerts(store, run, [...rings.map(snapshotOf), rehearsalRing(touched)], alerts.settings, { standing, keptFrom: run.keptFrom });
    } catch (error) {
      outcome.failure = error as Error;
    }
  };
  return { listener, outcome };
}

/**
 * A suspected ring no run found, beside the run's own: a day that raises alerts writes
 * cases, their events, alerts and snapshots, and the run's rings alone, unchanged since
 * the last run, would raise none.
 */
function rehearsalRing(touched: readonly string[]): RingSnapshot {
  return { id: 'ringsight-rehearsal-ring', kind: 'complaintCampaign', score: 1, suspected: true, members: touched.slice(0, 3), complaints: 3, tools: [{ kind: 'phone', id: '+8613900000000' }] };
}

/** Entities of the graph for the rehearsed records to name, or null when it lacks one of them. */
async function readCast(db: GraphDatabase, borrowers: number): Promise<RehearsalCast | null> {
  const record = await db.read(async (tx) => (await tx.run(cypher('rehearsal/cast'), { borrowers: int(borrowers) })).records[0]);
  const cast = { borrowers: field<string[]>(record!, 'borrowers'), adSource: field<string | null>(record!, 'adSource'), channel: field<string | null>(record!, 'channel') };
  return cast.borrowers.length > 0 && cast.adSource !== null && cast.channel !== null ? { borrowers: cast.borrowers, adSource: cast.adSource, channel: cast.channel } : null;
}

/** The borrowers run `runId` examined for the writes it claimed, else a day's worth of the cast's. */
async function claimedBy(db: GraphDatabase, runId: string, cast: RehearsalCast): Promise<string[]> {
  const record = await db.read(async (tx) => (await tx.run(cypher('rehearsal/claimedBy'), { runId, limit: int(DAY_BORROWERS) })).records[0]);
  const borrowers = field<string[]>(record!, 'borrowers');
  return borrowers.length > 0 ? borrowers : cast.borrowers.slice(0, DAY_BORROWERS);
}

/**
 * The analysis store on the rolled-back database, with what a rehearsal needs of it: the
 * writes to examine given, a run record for the last transaction to find (its own, made by
 * startRun, was rolled back), no sign of life to keep, and clean-ups run once (until none
 * are left, they would repeat for ever).
 */
class RehearsedAnalysisStore extends Neo4jAnalysisStore {
  constructor(
    private readonly rolledBack: RolledBackDatabase,
    private readonly touched: string[],
  ) {
    super(rolledBack);
  }

  // The rehearsal's probe ran the claim already, in a transaction of its own as a run does.
  override claimTouched(): Promise<string[] | null> {
    return Promise.resolve(this.touched);
  }

  override keepRunAlive(): Promise<boolean> {
    return Promise.resolve(true);
  }

  override async finishRun(run: Pick<AnalysisRun, 'id' | 'finishedAt'> & { timings: Omit<RunTimings, 'write'> }, result: { rings: Ring[]; hubs: Hub[]; stats: DetectionStats }, outcome: RunOutcome): Promise<RunTimings> {
    // The last transaction's first statement, as the real one runs it: on a transaction with no change yet.
    await super.keepRunAlive(run.id);
    this.rolledBack.beforeNextWrite({ text: cypher('analysis/startRun'), params: { id: run.id, props: { startedAt: run.finishedAt, sharedLabelling: SHARED_LABELLING } } });
    return super.finishRun(run, result, outcome);
  }

  protected override async deleteUntilNone(statement: string, params: Record<string, unknown>): Promise<void> {
    await this.rolledBack.write((tx) => tx.run(cypher(statement), params));
  }
}
