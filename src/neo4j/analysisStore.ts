import type { AnalysisStore } from '../analysis/ports';
import { AnalysisRunSchema, type AnalysisRun, type AnalysisScope, type RunTimings } from '../contract/analysisRun';
import type { RunOutcome } from '../analysis/ports';
import type { LastPlan } from '../analysis/analysisScope';
import { abandonedRunError, runDeclaredAbandoned, type AbandonedRun } from '../analysis/runLease';
import { PlanStateSchema } from '../detection/planChanges';
import type { Evidence } from '../contract/evidence';
import type { Hub, PreviousRing, Ring } from '../contract/ring';
import type { DetectionStats } from '../detection';
import { cypher } from './cypherFiles';
import { readBatchEvidence } from './evidenceReader';
import { readPlanInputChanges, readPlanInputs, recruitsOf, SHARED_LABELLING } from './planReader';
import type { PlanInputChanges } from '../detection/planInputChanges';
import { startBatchWorkers } from './batchWorkers';
import type { BatchDetectors } from '../analysis/detectByComponents';
import type { DetectionContext } from '../detection/detectionContext';
import type { PlainDetectionOptions } from '../detection/options';
import type { PlanInputs } from '../detection/componentPlan';
import { flatten, unflatten } from './flatProperties';
import type { GraphDatabase } from './graphDatabase';
import type { QueryResult } from 'neo4j-driver';
import { chunksOf, inChunks, WRITE_CHUNK } from './ingestWriter';
import { field } from './plainValues';
import { hubRow, memberRow, ringRow, signalRow, toolRow } from './ringRecords';
import { int, toNumber } from './values';

/** Replaced rings deleted per transaction: about 30 relationships each, so a few tens of thousands of changes. */
const RETIRED_RINGS_PER_TRANSACTION = 1_000;

/** Hub links deleted per transaction: one relationship each, so fewer changes than a batch of retired rings. */
const HUB_LINKS_PER_TRANSACTION = 10_000;

/** At most this many hubs are linked from a run; the rest are counted in its statistics. */
export const MAX_HUBS_WRITTEN = 2_000;

function scopeProps(scope: AnalysisScope): Record<string, unknown> {
  const { touchedBorrowers, ...rest } = scope;
  const counts = Object.fromEntries(Object.entries(rest).map(([k, v]) => [`scope_${k}`, typeof v === 'number' ? int(v) : v]));
  return { ...counts, scope_touchedBorrowers: touchedBorrowers === null ? null : int(touchedBorrowers) };
}

/** Counts are integers in the graph, never floats; everything nested is flattened into properties. */
function statsProps(stats: DetectionStats): Record<string, unknown> {
  const { timings, modularity, ...counts } = stats;
  return {
    ...Object.fromEntries(Object.entries(counts).map(([k, v]) => [`stat_${k}`, int(v)])),
    stat_modularity: modularity,
    ...flatten({ timing: timings }, 'stat'),
  };
}

/**
 * A run's outcome is set in one statement of the transaction that writes its rings, yet a
 * reader can see that commit partly applied: polling a 5,000,000-borrower run, the status
 * read `succeeded` while its finish time and figures were not there yet (the commit takes
 * seconds to apply there). A success without its finish time is still being applied, and
 * reads as running until it is whole.
 */
function statusOf(props: Record<string, unknown>): unknown {
  return props.status === 'succeeded' && props.finishedAt == null ? 'running' : props.status;
}

export function runFromProps(props: Record<string, unknown>): AnalysisRun {
  const stats = unflatten(props, 'stat');
  const hasStats = props.stat_borrowers !== undefined;
  const { timing, ...counts } = stats as { timing?: Record<string, number> } & Record<string, unknown>;
  return AnalysisRunSchema.parse({
    id: props.id,
    status: statusOf(props),
    startedAt: props.startedAt,
    finishedAt: props.finishedAt ?? null,
    codeVersion: props.codeVersion ?? 'unknown',
    options: unflatten(props, 'option'),
    replayOf: props.replayOf ?? null,
    stats: hasStats ? { ...counts, timings: timing ?? {} } : null,
    timings: props.run_total !== undefined ? { read: props.run_read, detect: props.run_detect, write: props.run_write, total: props.run_total } : null,
    written: props.written ?? null,
    hubs: props.hubs ?? null,
    // Neo4j stores no null property: an unknown count of touched borrowers comes back absent.
    scope: props.scope_mode !== undefined ? { touchedBorrowers: null, planInputs: null, ...unflatten(props, 'scope') } : null,
    error: props.error ?? null,
  });
}

const alive = (result: QueryResult): boolean => toNumber(result.records[0]!.get('alive')) > 0;

/** A statement that stages a run's rings or links them (createRings.cypher), the parameter its rows go in, and the rows. */
type Staged = [statement: string, key: string, rows: Record<string, unknown>[]];

/** Evidence in, rings and runs out: the analysis use case's storage, in Neo4j. */
export class Neo4jAnalysisStore implements AnalysisStore {
  /**
   * `onCleanupFailure` hears of a failure to delete the rings a run replaced, or the hub
   * links of runs with no ring left, after the run has committed: the run stands, and the
   * next one deletes what is left.
   */
  constructor(
    private readonly db: GraphDatabase,
    private readonly onCleanupFailure: (error: Error) => void = () => {},
    /** Rows of rings, signals, members and tools past which a run stages them in transactions of their own. */
    private readonly stagedInLastTransaction: number = WRITE_CHUNK,
  ) {}

  readPlanInputs(maxSmallSourceRecruits: number, onProgress?: (step: string) => void, touched?: readonly string[] | null): Promise<PlanInputs> {
    return readPlanInputs(this.db, maxSmallSourceRecruits, onProgress, touched ?? null);
  }

  readPlanInputChanges(maxSmallSourceRecruits: number, touched: readonly string[], lastSizes: PlanInputs['adSourceRecruits']): Promise<PlanInputChanges> {
    return readPlanInputChanges(this.db, maxSmallSourceRecruits, touched, lastSizes);
  }

  startBatchDetectors(context: DetectionContext, options: PlainDetectionOptions, workers: number): BatchDetectors {
    return startBatchWorkers(this.db.settings, context, options, workers);
  }

  readEvidenceOf(borrowerIds: readonly string[]): Promise<Evidence> {
    return readBatchEvidence(this.db, borrowerIds);
  }

  previousRings(): Promise<PreviousRing[]> {
    return this.db.read(async (tx) => {
      const result = await tx.run(cypher('analysis/previousRings'));
      return result.records.map((r) => ({ id: r.get('id') as string, members: r.get('members') as string[], suspected: r.get('suspected') === true }));
    });
  }

  async startRun(run: Pick<AnalysisRun, 'id' | 'startedAt' | 'codeVersion' | 'options' | 'replayOf'>): Promise<void> {
    // The rules its Shared labels follow, for the next run to know whether they are current (planReader.ts).
    const props = { startedAt: run.startedAt, codeVersion: run.codeVersion, replayOf: run.replayOf, sharedLabelling: SHARED_LABELLING, ...flatten(run.options, 'option') };
    await this.db.write((tx) => tx.run(cypher('analysis/startRun'), { id: run.id, props }));
  }

  /**
   * Replaces the rings with this run's, except those it keeps. The rings, with their
   * signals, members and tools, are first written staged, out of every reader's sight, a
   * bounded transaction per chunk: Neo4j holds one chunk's changes at a time, where the
   * whole write in one transaction outgrew a 1 GiB heap at 1,520,000 borrowers. A write of
   * one chunk or less (a day's run) is staged in the last transaction itself, which saves
   * its commits. The last transaction retires the rings they replace, promotes them, and
   * records the hubs, the plan the run saw and its outcome, so readers see the last run's
   * rings or this one's, never a mix. The outcome goes last, so the times it records
   * include the write itself (all but the last commit). Retired rings, and staged ones of runs that failed, are
   * deleted after it commits, a bounded transaction at a time.
   */
  async finishRun(run: Pick<AnalysisRun, 'id' | 'finishedAt'> & { timings: Omit<RunTimings, 'write'> }, result: { rings: Ring[]; hubs: Hub[]; stats: DetectionStats }, outcome: RunOutcome): Promise<RunTimings> {
    const { rings, hubs, stats } = result;
    const props = { finishedAt: run.finishedAt, written: int(rings.length), hubs: int(hubs.length), ...statsProps(stats), ...scopeProps(outcome.scope) };
    const kept = [...hubs].sort((a, b) => b.degree - a.degree).slice(0, MAX_HUBS_WRITTEN);
    const started = Date.now();
    const staged: Staged[] = [
      ['analysis/createRings', 'rings', rings.map((r) => ringRow(r, run.id))],
      ['analysis/linkSignals', 'signals', rings.flatMap((r) => r.signals.map((s) => signalRow(r.id, s)))],
      ['analysis/linkMembers', 'members', rings.flatMap((r) => r.members.map((m) => memberRow(r.id, m)))],
      ['analysis/linkTools', 'tools', rings.flatMap((r) => r.tools.map((t) => toolRow(r.id, t)))],
    ];
    const inLast = staged.reduce((n, [, , rows]) => n + rows.length, 0) <= this.stagedInLastTransaction;
    if (!inLast) for (const [statement, key, rows] of staged) await this.stage(run.id, statement, key, rows);
    const recorded = await this.db.write(async (tx) => {
      // Locks the run's record to the commit: a run declared abandoned meanwhile may have lost its staged rings.
      if (!alive(await tx.run(cypher('analysis/keepRunAlive'), { id: run.id }))) throw runDeclaredAbandoned(run.id);
      if (inLast) for (const [statement, key, rows] of staged) await inChunks(tx, statement, key, rows, { runId: run.id });
      await tx.run(cypher('analysis/retireRings'), { keep: outcome.keep });
      await tx.run(cypher('analysis/promoteStagedRings'), { runId: run.id });
      await tx.run(cypher('analysis/savePlan'), { id: run.id, state: JSON.stringify(outcome.plan) });
      await inChunks(tx, 'analysis/linkHubs', 'hubs', kept.map(hubRow), { runId: run.id });
      const write = Date.now() - started;
      const timings = { ...run.timings, write, total: run.timings.total + write };
      await tx.run(cypher('analysis/finishRun'), { id: run.id, props: { ...props, run_read: timings.read, run_detect: timings.detect, run_write: timings.write, run_total: timings.total } });
      return timings;
    });
    // The run has succeeded and its rings are in place; the next run deletes what is left.
    await this.deleteRetiredRings()
      .then(() => this.pruneHubLinks(run.id))
      .catch((error: Error) => this.onCleanupFailure(error));
    return recorded;
  }

  /** Writes the rows of one staging statement (createRings.cypher), a transaction per chunk. */
  private async stage(runId: string, statement: string, key: string, rows: Record<string, unknown>[]): Promise<void> {
    for (const chunk of chunksOf(rows)) await this.db.write((tx) => tx.run(cypher(statement), { runId, [key]: chunk }));
  }

  /** The rings runs have replaced, and the campaign templates no ring uses any more, deleted a bounded transaction at a time. */
  private async deleteRetiredRings(): Promise<void> {
    await this.deleteUntilNone('analysis/deleteRetiredRings', { limit: int(RETIRED_RINGS_PER_TRANSACTION) });
    await this.db.write((tx) => tx.run(cypher('analysis/deleteUnusedTemplates')));
  }

  /** The hub links of runs that hold no ring any more, but this one's, deleted a bounded transaction at a time. */
  private pruneHubLinks(keep: string): Promise<void> {
    return this.deleteUntilNone('analysis/pruneHubLinks', { keep, limit: int(HUB_LINKS_PER_TRANSACTION) });
  }

  /**
   * Runs a statement that deletes up to its `limit` and returns how many as `deleted`, a
   * transaction each time, until it deletes none. (On a database whose writes roll back,
   * it would never stop: dayRehearsal.ts runs it once.)
   */
  protected async deleteUntilNone(statement: string, params: Record<string, unknown>): Promise<void> {
    for (;;) {
      const result = await this.db.write((tx) => tx.run(cypher(statement), params));
      if (toNumber(result.records[0]!.get('deleted')) === 0) break;
    }
  }

  async claimTouched(runId: string): Promise<string[] | null> {
    const record = (await this.db.write((tx) => tx.run(cypher('analysis/claimTouched'), { runId }))).records[0]!;
    return toNumber(record.get('known')) < toNumber(record.get('stamps')) ? null : (record.get('borrowers') as string[]);
  }

  lastPlan(): Promise<LastPlan | null> {
    return this.db.read(async (tx) => {
      const record = (await tx.run(cypher('analysis/lastPlan'))).records[0];
      const state = record?.get('state') as string | null | undefined;
      if (!record || !state) return null;
      const props = field<Record<string, unknown>>(record, 'run');
      const run = runFromProps(props);
      // Labels follow this code's rules only if every run since the last success labelled by them too.
      const since = field<string[]>(record, 'labellingSince');
      const labelsCurrent = props.sharedLabelling === SHARED_LABELLING && since.every((rules) => rules === SHARED_LABELLING);
      return { runId: run.id, options: run.options, codeVersion: run.codeVersion, labelsCurrent, state: PlanStateSchema.parse(JSON.parse(state)) };
    });
  }

  recruitsOf(adSourceIds: readonly string[]): Promise<string[]> {
    return recruitsOf(this.db, adSourceIds);
  }

  async failRun(id: string, finishedAt: string, error: string): Promise<void> {
    await this.db.write((tx) => tx.run(cypher('analysis/failRun'), { id, finishedAt, error }));
  }

  async keepRunAlive(id: string): Promise<boolean> {
    return alive(await this.db.write((tx) => tx.run(cypher('analysis/keepRunAlive'), { id })));
  }

  failAbandonedRuns(leaseMs: number): Promise<AbandonedRun[]> {
    return this.db.write(async (tx) => {
      const found = (await tx.run(cypher('analysis/abandonedRuns'), { leaseMs: int(leaseMs) })).records;
      if (found.length === 0) return [];
      const runs = found.map((r) => {
        const seenAt = r.get('seenAt');
        return { id: field<string>(r, 'id'), seenAt, finishedAt: new Date(toNumber(seenAt)).toISOString() };
      });
      const failed = await tx.run(cypher('analysis/failAbandonedRuns'), { runs, error: abandonedRunError(leaseMs) });
      const ids = new Set(failed.records.map((r) => field<string>(r, 'id')));
      return runs.filter((r) => ids.has(r.id)).map((r) => ({ id: r.id, lastSeenAt: r.finishedAt }));
    });
  }

  run(id: string): Promise<AnalysisRun | null> {
    return this.db.read(async (tx) => {
      const record = (await tx.run(cypher('analysis/runById'), { id })).records[0];
      return record ? runFromProps(field<Record<string, unknown>>(record, 'run')) : null;
    });
  }

  runs(limit: number): Promise<AnalysisRun[]> {
    return this.db.read(async (tx) => {
      const result = await tx.run(cypher('analysis/latestRuns'), { limit: int(limit) });
      return result.records.map((r) => runFromProps(field<Record<string, unknown>>(r, 'run')));
    });
  }

  topRings(runId: string, limit: number) {
    return this.db.read(async (tx) => {
      const result = await tx.run(cypher('analysis/runTopRings'), { id: runId, limit: int(limit) });
      return result.records.map((r) => ({ id: field<string>(r, 'id'), score: field<number>(r, 'score'), size: field<number>(r, 'size'), topSignals: field<string[]>(r, 'topSignals') }));
    });
  }
}
