import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ComponentPlan, PlanInputs } from './componentPlan';
import { identifierKey, identifierOfKey } from './identifierLinks';
import type { DetectionOptions } from './options';

/**
 * What a component's rings depend on besides its borrowers' own records, as one run saw
 * it: the next run compares it with what it sees, and re-examines the components where
 * it differs, beside those whose borrowers gained records. Everything else a batch is
 * given is local to the component (every live identifier's borrowers are in it).
 */
export const PlanStateSchema = z.object({
  /** Recruits of each ad source with two or more: a small source's size weighs its recruits' ties. */
  adSources: z.record(z.string(), z.number().int()),
  /** Keys of the phones, devices and voices cut as hubs. */
  cut: z.array(z.string()),
  /** Each recruitment campaign's filers and a digest of their text affinities. */
  campaigns: z.record(z.string(), z.object({ filers: z.array(z.string()), print: z.string() })),
  /** Each complaint channel's kind: channels of one kind count as one in every ring's signals. */
  channels: z.record(z.string(), z.string()),
});
export type PlanState = z.infer<typeof PlanStateSchema>;

export function planState(plan: ComponentPlan, inputs: PlanInputs): PlanState {
  const campaigns: PlanState['campaigns'] = {};
  for (const c of plan.context.campaigns) {
    campaigns[c.id] = { filers: c.borrowerIds, print: createHash('sha1').update(Buffer.from(c.affinity.buffer, c.affinity.byteOffset, c.affinity.byteLength)).digest('base64') };
  }
  return {
    adSources: adSourceSizes(inputs.adSourceRecruits),
    cut: [...plan.context.cut].filter((key) => !key.startsWith(identifierKey('adSource', ''))).sort(),
    campaigns,
    channels: Object.fromEntries(inputs.campaignEvidence.complaintChannels.map((c) => [c.id, c.kind ?? c.id])),
  };
}

/** Each ad source's recruits by its id, as a plan state keeps them and resizedSmallSources compares them. */
export const adSourceSizes = (sizes: PlanInputs['adSourceRecruits']): Record<string, number> => Object.fromEntries(sizes.map((s) => [s.id, s.recruits]));

export interface PlanChanges {
  /** Something bears on every ring: only a full analysis will do. */
  everything: boolean;
  /** Borrowers whose components must be re-examined. */
  borrowers: Set<string>;
  /** Small ad sources whose size changed: their recruits' components must be re-examined too. */
  adSources: string[];
}

/** What differs between the last run's plan and this one's, as the borrowers it concerns. */
export function planChanges(before: PlanState, after: PlanState, inputs: PlanInputs, options: DetectionOptions): PlanChanges {
  const borrowers = new Set<string>();
  const everything = !sameRecord(before.channels, after.channels);
  const cutChanged = byKind(symmetricDifference(before.cut, after.cut));
  if (cutChanged.size > 0) {
    // By kind, then value: a key built for each of the ties took most of this function's time.
    for (const i of inputs.sharedIncidences) if (cutChanged.get(i.kind)?.has(i.value)) borrowers.add(i.borrowerId);
  }
  for (const id of new Set([...Object.keys(before.campaigns), ...Object.keys(after.campaigns)])) {
    const was = before.campaigns[id];
    const is = after.campaigns[id];
    if (was && is && was.print === is.print && was.filers.join('\n') === is.filers.join('\n')) continue;
    for (const b of [...(was?.filers ?? []), ...(is?.filers ?? [])]) borrowers.add(b);
  }
  return { everything, borrowers, adSources: resizedSmallSources(before.adSources, after.adSources, options.adSourceHubDegree) };
}

/** Ad sources whose size changed while small on either side: a source above the limit is cut, and weighs nothing. */
export function resizedSmallSources(before: Record<string, number>, after: Record<string, number>, limit: number): string[] {
  const out: string[] = [];
  for (const id of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = before[id] ?? 1;
    const is = after[id] ?? 1;
    if (was !== is && Math.min(was, is) <= limit) out.push(id);
  }
  return out.sort();
}

const sameRecord = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/** Identifier keys (identifierKey) as the values of each kind. */
function byKind(keys: Iterable<string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const key of keys) {
    const { kind, value } = identifierOfKey(key);
    const values = out.get(kind) ?? new Set<string>();
    out.set(kind, values.add(value));
  }
  return out;
}

function symmetricDifference(a: readonly string[], b: readonly string[]): Set<string> {
  const setA = new Set(a);
  const setB = new Set(b);
  return new Set([...a.filter((x) => !setB.has(x)), ...b.filter((x) => !setA.has(x))]);
}
