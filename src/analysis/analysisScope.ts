import type { AnalysisScope } from '../contract/analysisRun';
import type { PreviousRing } from '../contract/ring';
import type { PlannedAnalysis } from './detectByComponents';
import type { DetectionOptions } from '../detection/options';
import { planChanges, type PlanState } from '../detection/planChanges';

/** The last successful run's plan, as stored with it. */
export interface LastPlan {
  runId: string;
  options: Record<string, unknown>;
  codeVersion: string;
  /** Whether that run, and every run started since (failed ones too), left the source's bookkeeping (its Shared labels) under the rules this source follows. */
  labelsCurrent: boolean;
  state: PlanState;
}

/** What an incremental analysis asks of storage beyond a full one. */
export interface IncrementalSource {
  /** Borrowers whose records were written since the last successful run, or null when that is not known for all writes. */
  claimTouched(runId: string): Promise<string[] | null>;
  lastPlan(): Promise<LastPlan | null>;
  /** Every recruit of these ad sources. */
  recruitsOf(adSourceIds: readonly string[]): Promise<string[]>;
}

export interface ScopeDecision {
  scope: AnalysisScope;
  /** Components to read and detect. */
  components: string[][];
  /** The last run's rings that stand as they are. */
  kept: PreviousRing[];
  /** The run those rings are from: the last successful run, which an incremental run builds on; null for a full run. */
  keptFrom: string | null;
}

export interface ScopeRequest {
  full: boolean;
  runId: string;
  options: Record<string, unknown>;
  codeVersion: string;
}

/** What a run builds on, read before it plans: the writes it claims, and the last successful run's plan. */
export interface ScopeBasis {
  touched: string[] | null;
  last: LastPlan | null;
}

/** Claims the writes no successful run has examined yet, and reads the last run's plan. */
export async function scopeBasis(source: IncrementalSource, runId: string): Promise<ScopeBasis> {
  const [touched, last] = await Promise.all([source.claimTouched(runId), source.lastPlan()]);
  return { touched, last };
}

/**
 * The borrowers whose identifiers the plan's source must look at again, or null for all
 * (EvidenceSource.readPlanInputs). Only the writes since the last successful run are
 * enough, and only when that run kept the source's bookkeeping under the same rules: it
 * brought it up to date the same way, having claimed every write before its own. Unlike
 * the scope, this depends neither on the options, which the bookkeeping does not use, nor
 * on the code version beyond those rules, nor on whether the run re-examines every
 * component: a full run's plan still reads every input whole, but relabelling every
 * identifier again (about 20 s of a 5,000,000-borrower run) would change no label
 * (incrementalAnalysis.test.ts checks that after every run).
 */
export function touchedSinceLastRun(basis: ScopeBasis): string[] | null {
  return basis.last?.labelsCurrent ? basis.touched : null;
}

/**
 * Which components this run must examine. Incremental when the last run used the same
 * options and code and everything since is known: the components holding a borrower
 * whose records were written since, or whose ties to the rest of the data changed (a
 * hub cut or restored, a campaign found, changed or gone, a small ad source grown);
 * every other component is exactly as the last run saw it, so its rings stand. Otherwise
 * every component, and no ring stands.
 */
export async function analysisScope(
  source: IncrementalSource,
  { touched, last }: ScopeBasis,
  planned: PlannedAnalysis,
  state: PlanState,
  previous: readonly PreviousRing[],
  request: ScopeRequest,
  options: DetectionOptions,
): Promise<ScopeDecision> {
  const all = planned.plan.components;
  const full = (reason: string, touched: number | null = null): ScopeDecision => ({
    scope: { mode: 'full', reason, components: all.length, analysedComponents: all.length, keptRings: 0, touchedBorrowers: touched, planInputs: planned.inputsRead },
    components: all,
    kept: [],
    keptFrom: null,
  });
  if (request.full) return full('a full analysis was asked for', touched?.length ?? null);
  if (!last) return full('no earlier run to build on', touched?.length ?? null);
  if (last.codeVersion !== request.codeVersion) return full(`the code changed since run ${last.runId}`, touched?.length ?? null);
  if (!sameOptions(last.options, request.options)) return full(`the options differ from run ${last.runId}'s`, touched?.length ?? null);
  if (touched === null) return full('some records were written without a note of whom they are about');
  const changes = planChanges(last.state, state, planned.inputs, options);
  if (changes.everything) return full('a complaint channel was added or changed kind', touched.length);

  const dirty = new Set([...touched, ...changes.borrowers, ...(await recruitsOfResized(source, planned, changes.adSources))]);
  const components = all.filter((c) => c.some((b) => dirty.has(b)));
  const reexamined = new Set(components.flat());
  const kept = previous.filter((ring) => !ring.members.some((m) => reexamined.has(m) || dirty.has(m)));
  return {
    scope: {
      mode: 'incremental',
      reason: `changes since run ${last.runId}`,
      components: all.length,
      analysedComponents: components.length,
      keptRings: kept.length,
      touchedBorrowers: touched.length,
      planInputs: planned.inputsRead,
    },
    components,
    kept,
    keptFrom: last.runId,
  };
}

/** Every recruit of the resized small sources: read with the plan's inputs when they were the same sources, else now. */
function recruitsOfResized(source: IncrementalSource, planned: PlannedAnalysis, adSources: readonly string[]): Promise<string[]> | string[] {
  const read = planned.resized;
  return read && read.sources.length === adSources.length && read.sources.every((id, i) => id === adSources[i]) ? read.recruits : source.recruitsOf(adSources);
}

/** Whether two runs' options are the same, in whatever order their keys (nested ones too) were stored. */
export const sameOptions = (a: Record<string, unknown>, b: Record<string, unknown>): boolean => canonical(a) === canonical(b);

/** Options as a string that does not depend on key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
