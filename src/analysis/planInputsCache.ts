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

  keep(runId: string, maxSmallSourceRecruits: number, inputs: PlanInputs): void {
    this.kept = { runId, maxSmallSourceRecruits, inputs };
  }
}
