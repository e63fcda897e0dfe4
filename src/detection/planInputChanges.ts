import type { Evidence } from '../contract/evidence';
import { compareIds } from './borrowerIndex';
import type { PlanInputs } from './componentPlan';
import type { IdentifierIncidence, IdentifierKind } from './identifierLinks';

/**
 * What changed in a plan's inputs since the last run, read where the data is: the ties of
 * every identifier of the borrowers written since (all of them, shared or not, so those no
 * longer shared drop out), the campaign records of the borrowers that may have changed
 * (written since, or recruited by an ad source that crossed the small-source bound), and
 * the inputs that are cheap to read whole (ad source sizes, complaint facts, channels).
 */
export interface PlanInputChanges {
  /** Values of every identifier read again, by kind. */
  identifiers: ReadonlyMap<IdentifierKind, ReadonlySet<string>>;
  /** The ties of those that tie two borrowers or more. */
  incidences: IdentifierIncidence[];
  adSourceRecruits: PlanInputs['adSourceRecruits'];
  facts: PlanInputs['facts'];
  complaintChannels: Evidence['complaintChannels'];
  /** Borrowers whose campaign records were read again; `campaign` holds those that still have any. */
  campaignBorrowers: ReadonlySet<string>;
  campaign: Pick<Evidence, 'borrowers' | 'recruitments' | 'complaints'>;
  /**
   * The small ad sources whose size changed since the last run (resizedSmallSources), with
   * every recruit of theirs: the run re-examines their components, and reading them here,
   * beside the ties, spares the run a read of its own after the plan.
   */
  resized?: ResizedSources;
}

/** Ad sources, ascending, and every recruit of theirs. */
export interface ResizedSources {
  sources: string[];
  recruits: string[];
}

/**
 * The last run's plan inputs brought up to date: the same inputs a whole read of the data
 * now would give, with every campaign record in the order that read gives them (by id;
 * recruitments by recruit, then source), so the campaigns found are the same. Shared ties
 * may come in another order, which the plan does not depend on.
 */
export function withChanges(last: PlanInputs, changes: PlanInputChanges): PlanInputs {
  // By kind, then value: a key built for each of a million ties was most of this function's time.
  const kept = last.sharedIncidences.filter((i) => !changes.identifiers.get(i.kind)?.has(i.value));
  const stays = <T extends { borrowerId: string }>(row: T) => !changes.campaignBorrowers.has(row.borrowerId);
  const evidence = last.campaignEvidence;
  const { campaign } = changes;
  return {
    sharedIncidences: kept.concat(changes.incidences),
    adSourceRecruits: changes.adSourceRecruits,
    facts: changes.facts,
    campaignEvidence: {
      ...evidence,
      complaintChannels: changes.complaintChannels,
      borrowers: mergeSorted(evidence.borrowers.filter((b) => !changes.campaignBorrowers.has(b.id)), campaign.borrowers, byKey((b) => b.id)),
      recruitments: mergeSorted(evidence.recruitments.filter(stays), campaign.recruitments, byKey(recruitmentKey)),
      complaints: mergeSorted(evidence.complaints.filter(stays), campaign.complaints, byKey((c) => c.id)),
    },
  };
}

/**
 * Two lists, each in `compare` order with no row equal to one of the other, as one in that
 * order: the kept records and those read again, without sorting every record on every run.
 */
function mergeSorted<T>(a: readonly T[], b: readonly T[], compare: (x: T, y: T) => number): T[] {
  const out: T[] = new Array<T>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compare(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

export const recruitmentKey = (r: Evidence['recruitments'][number]) => `${r.borrowerId}\u0000${r.adSourceId}`;

export const byKey =
  <T>(key: (row: T) => string) =>
  (a: T, b: T) =>
    compareIds(key(a), key(b));

/**
 * Ad sources on the other side of the small-source bound than at the last run: their
 * recruits' campaign records appear or go. A source missing from a list recruited fewer
 * than two borrowers, and is small.
 */
export function sourcesCrossingBound(last: PlanInputs['adSourceRecruits'], now: PlanInputs['adSourceRecruits'], maxSmallSourceRecruits: number): string[] {
  const before = new Map(last.map((s) => [s.id, s.recruits]));
  const after = new Map(now.map((s) => [s.id, s.recruits]));
  const small = (recruits: number | undefined) => (recruits ?? 0) <= maxSmallSourceRecruits;
  return [...new Set([...before.keys(), ...after.keys()])].filter((id) => small(before.get(id)) !== small(after.get(id))).sort(compareIds);
}
