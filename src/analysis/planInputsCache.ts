import { deserialize, serialize } from 'node:v8';
import type { PlanInputs } from '../detection/componentPlan';

/** A run's plan inputs as kept for the next: which run read them, with which small-source bound, serialized. */
export interface KeptPlanInputs {
  runId: string;
  maxSmallSourceRecruits: number;
  /** Kept apart: reading what changed needs only these, so it can start before the rest is rebuilt. */
  adSourceRecruits: PlanInputs['adSourceRecruits'];
  buffer: Uint8Array;
}

/** The last run's inputs: its ad source sizes at once, the rest rebuilt when asked for. */
export interface LastPlanInputs {
  adSourceRecruits: PlanInputs['adSourceRecruits'];
  inputs: () => PlanInputs;
}

/**
 * The last run's plan inputs, kept in memory between runs of one process so that the next
 * run reads only what changed since (EvidenceSource.readPlanInputs with `last`) instead
 * of every shared identifier and small source again. Kept serialized: one buffer off the
 * heap between runs, handed to an analysis worker and back without building the objects
 * twice. It lives only in memory: the inputs hold names, phones and complaint texts,
 * which are not written anywhere but the database.
 *
 * Inputs are used only by the run that builds on the run that read them (the last
 * successful one), with the same bound; anything else reads everything again.
 */
export class PlanInputsCache {
  constructor(private kept: KeptPlanInputs | null = null) {}

  /** The inputs run `runId` read with this bound, or null. */
  inputsOf(runId: string | null | undefined, maxSmallSourceRecruits: number): LastPlanInputs | null {
    const kept = this.kept;
    if (!kept || kept.runId !== runId || kept.maxSmallSourceRecruits !== maxSmallSourceRecruits) return null;
    return { adSourceRecruits: kept.adSourceRecruits, inputs: () => ({ ...(deserialize(kept.buffer) as Omit<PlanInputs, 'adSourceRecruits'>), adSourceRecruits: kept.adSourceRecruits }) };
  }

  keep(runId: string, maxSmallSourceRecruits: number, inputs: PlanInputs): void {
    const { adSourceRecruits, ...rest } = inputs;
    this.kept = { runId, maxSmallSourceRecruits, adSourceRecruits, buffer: serialize(rest) };
  }

  /** What is kept, to hand to another thread. */
  get state(): KeptPlanInputs | null {
    return this.kept;
  }

  /** Keeps what another thread's run kept. */
  adopt(kept: KeptPlanInputs | null): void {
    if (kept) this.kept = kept;
  }
}
