import type { PlanInputs } from '../detection/componentPlan';

/**
 * The last run's plan inputs, kept in memory between runs of one process (the server's
 * analysis thread, a replay) so that the next run reads only what changed since
 * (EvidenceSource.readPlanInputChanges) instead of every shared identifier and small
 * source again. They live only in memory: the inputs hold names, phones and complaint
 * texts, which are not written anywhere but the database. They are the objects the run
 * planned from, so keeping them costs no copy; the price is their memory between runs
 * (about 90 MiB at 1,000,000 borrowers, 300 MiB at 5,000,000), which a run that kept
 * them no longer frees before it reads its components.
 *
 * Inputs are used only by the run that builds on the run that read them (the last
 * successful one), with the same bound; anything else reads everything again.
 */
export class PlanInputsCache {
  private kept: { runId: string; maxSmallSourceRecruits: number; inputs: PlanInputs } | null = null;

  /** `largestAfterFullRun`: past this many borrowers, a run that examined every component keeps nothing. */
  constructor(private readonly largestAfterFullRun: number = LARGEST_KEPT_AFTER_FULL_RUN) {}

  /**
   * The inputs run `runId` read with this bound, or null; either way the cache is empty
   * after. A run that cannot use them reads every input again, and the kept ones would
   * only sit beside the new (300 MiB more at 5,000,000 borrowers) until it keeps its own;
   * a run that fails after taking them leaves nothing behind, and the next reads whole.
   */
  take(runId: string | null | undefined, maxSmallSourceRecruits: number): PlanInputs | null {
    const kept = this.kept;
    this.kept = null;
    return kept && kept.runId === runId && kept.maxSmallSourceRecruits === maxSmallSourceRecruits ? kept.inputs : null;
  }

  /**
   * A cache holding a deep copy of what this one keeps, for a run that must leave this
   * one as it is (a day's rehearsal, dayRehearsal.ts): whatever that run takes, changes
   * or keeps stays in the copy. At 1,000,000 borrowers the copy is about 90 MiB more for its time.
   */
  copy(): PlanInputsCache {
    const copy = new PlanInputsCache(this.largestAfterFullRun);
    copy.kept = this.kept && { ...this.kept, inputs: structuredClone(this.kept.inputs) };
    return copy;
  }

  /** Whether it holds any run's inputs. */
  get empty(): boolean {
    return this.kept === null;
  }

  /**
   * Keeps what `other` keeps as the inputs of run `runId`, for the run that builds on it:
   * inputs a rehearsal read from the graph as that run left it (dayRehearsal.ts), which are
   * then what that run's own would be now.
   */
  adopt(other: PlanInputsCache, runId: string): void {
    this.kept = other.kept && { ...other.kept, runId };
  }

  /**
   * Keeps a run's inputs for the run that builds on it. `examinedAll`: the run examined
   * every component, and the inputs, kept from its planning on, would sit beside the most
   * evidence a run holds; on a large platform it keeps nothing (LARGEST_KEPT_AFTER_FULL_RUN).
   */
  keep(runId: string, maxSmallSourceRecruits: number, inputs: PlanInputs, examinedAll = false): void {
    this.kept = examinedAll && inputs.facts.borrowers > this.largestAfterFullRun ? null : { runId, maxSmallSourceRecruits, inputs };
  }
}

/**
 * The most borrowers at which a run that examined every component keeps its plan inputs.
 * At 5,000,000 borrowers the inputs are about 300 MiB on the heap, which may grow to
 * twice what is live: a full run on the server peaked at 2,089–2,440 MiB keeping them and
 * at 1,442 MiB without. The run after reads them whole once (at 5,000,000 about 20 s more
 * than their changes) and, being incremental, keeps them. At 1,000,000 they are about
 * 90 MiB, and a day's run after a full one should not pay a whole read (2 to 3 s there).
 */
export const LARGEST_KEPT_AFTER_FULL_RUN = 2_000_000;
