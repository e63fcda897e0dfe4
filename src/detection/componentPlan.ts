import { emptyEvidence, type Evidence } from '../contract/evidence';
import { compareIds, indexBorrowers } from './borrowerIndex';
import { isLive } from './borrowerIncidences';
import { smallestRing } from './borrowerCommunities';
import { shingleComplaints } from './complaintTemplates';
import { contextFromLinks, type DetectionContext } from './detectionContext';
import { compareHubs, IdentifierUse, judgeIdentifier, triageIdentifiers, type IdentifierTriage } from './identifierHubs';
import {
  collectIdentifierLinks,
  identifierCount,
  identifierKey,
  kindOf,
  linksFromIncidences,
  memberCount,
  usagesOf,
  type IdentifierIncidence,
  type IdentifierLinks,
} from './identifierLinks';
import { parseDetectionOptions, type DetectionOptions, type DetectionOptionsInput } from './options';
import { complaintFacts, findRecruitmentCampaigns, recruitsBySource, type ComplaintFacts, type RecruitmentCampaign } from './recruitmentCampaigns';
import { UnionFind } from './unionFind';

/**
 * How one analysis splits into pieces that can be detected one at a time: the facts
 * every piece needs about all the data (hubs, ad-source sizes, campaigns), and the
 * borrowers that can be in a ring, grouped into components no live tie crosses.
 * A ring is a community of the borrower graph, whose ties come only from live shared
 * identifiers and campaigns (an ad source only adds weight to a tie that exists), so
 * every ring lies inside one component, and a borrower in none is in no ring.
 */
export interface ComponentPlan {
  context: DetectionContext;
  /** Borrower ids of each component large enough for a ring, each ascending; components ordered by their first id. */
  components: string[][];
  /** Borrowers in all the data. */
  borrowers: number;
}

/**
 * What a plan is computed from, small next to the evidence and computable where the data
 * is stored: a few ties per shared identifier, and the complaints of small ad sources.
 */
export interface PlanInputs {
  /** Every tie of each phone, device and voice that ties two borrowers or more. */
  sharedIncidences: IdentifierIncidence[];
  /** Recruits of each ad source that recruited two borrowers or more: ad sources only weigh ties, so their size is all a plan needs. */
  adSourceRecruits: { id: string; recruits: number }[];
  /**
   * Every recruitment through an ad source with at most `adSourceHubDegree` recruits of a
   * recruit who complained, every complaint of theirs, and their borrower records (their
   * names are masked in the texts compared); and every complaint channel. Recruits who
   * never complained only count towards a source's size (`adSourceRecruits`): most
   * borrowers never complain, so this keeps the plan small.
   */
  campaignEvidence: Evidence;
  /** Counted over all the data. */
  facts: ComplaintFacts;
}

export function planComponents(inputs: PlanInputs, options: Partial<DetectionOptionsInput> = {}): ComponentPlan {
  const opts = parseDetectionOptions(options);
  const sizes = new Map(inputs.adSourceRecruits.map((s) => [s.id, s.recruits]));
  const campaigns = findRecruitmentCampaigns(inputs.campaignEvidence, shingleComplaints(inputs.campaignEvidence, opts), opts, inputs.facts, sizes);
  const { links, borrowers } = linksFromIncidences(inputs.sharedIncidences, campaigns);
  const triage = triageIdentifiers(links, opts);
  const context = contextFromLinks(links, triage, campaigns);
  addAdSources(context, inputs.adSourceRecruits, opts);
  return {
    context,
    components: componentsOf(links, triage, borrowers, smallestRing(opts)),
    borrowers: inputs.facts.borrowers,
  };
}

function addAdSources(context: DetectionContext, sources: PlanInputs['adSourceRecruits'], options: DetectionOptions): void {
  for (const { id, recruits } of sources) {
    const key = identifierKey('adSource', id);
    context.degrees.set(key, recruits);
    const verdict = judgeIdentifier('adSource', id, recruits, 'adSource', options);
    if (verdict.use === IdentifierUse.Cut) context.cut.add(key);
    if (verdict.hub) context.hubs.push(verdict.hub);
  }
  context.hubs.sort(compareHubs);
}

/** The plan inputs of evidence held in memory: what a store computes where the data is. */
export function planInputsOf(evidence: Evidence, options: Partial<DetectionOptionsInput> = {}): PlanInputs {
  const opts = parseDetectionOptions(options);
  return { sharedIncidences: sharedIncidences(evidence), adSourceRecruits: adSourceRecruits(evidence), campaignEvidence: campaignEvidence(evidence, opts), facts: complaintFacts(evidence) };
}

function sharedIncidences(evidence: Evidence): IdentifierIncidence[] {
  const borrowers = indexBorrowers(evidence);
  const links = collectIdentifierLinks(evidence, borrowers);
  const out: IdentifierIncidence[] = [];
  for (let id = 0; id < identifierCount(links); id++) {
    if (memberCount(links, id) < 2 || kindOf(links, id) === 'adSource') continue;
    for (let k = links.offsets[id]!; k < links.offsets[id + 1]!; k++) {
      for (const usage of usagesOf(links.usages[k]!)) {
        out.push({ kind: kindOf(links, id), value: links.value[id]!, borrowerId: borrowers.ids[links.members[k]!]!, usage });
      }
    }
  }
  return out;
}

function adSourceRecruits(evidence: Evidence): PlanInputs['adSourceRecruits'] {
  return [...recruitsBySource(evidence)].filter(([, recruits]) => recruits.size >= 2).map(([id, recruits]) => ({ id, recruits: recruits.size }));
}

function campaignEvidence(evidence: Evidence, options: DetectionOptions): Evidence {
  const small = new Set([...recruitsBySource(evidence)].filter(([, set]) => set.size <= options.adSourceHubDegree).map(([source]) => source));
  const complained = new Set(evidence.complaints.map((c) => c.borrowerId));
  const recruitments = evidence.recruitments.filter((r) => small.has(r.adSourceId) && complained.has(r.borrowerId));
  const recruited = new Set(recruitments.map((r) => r.borrowerId));
  return {
    ...emptyEvidence(),
    borrowers: evidence.borrowers.filter((b) => recruited.has(b.id)),
    complaintChannels: evidence.complaintChannels,
    recruitments,
    complaints: evidence.complaints.filter((c) => recruited.has(c.borrowerId)),
  };
}

/** Union of borrowers over every live shared identifier and campaign; ad sources only weigh ties, so they join nothing. */
function componentsOf(links: IdentifierLinks, triage: IdentifierTriage, ids: readonly string[], smallest: number): string[][] {
  const groups = new UnionFind(ids.length);
  for (let id = 0; id < identifierCount(links); id++) {
    if (kindOf(links, id) === 'adSource' || !isLive(triage, id)) continue;
    const first = links.members[links.offsets[id]!]!;
    for (let k = links.offsets[id]! + 1; k < links.offsets[id + 1]!; k++) groups.union(first, links.members[k]!);
  }
  return groups
    .groups()
    .filter((g) => g.length >= smallest)
    .map((g) => g.map((b) => ids[b]!).sort(compareIds))
    .sort((a, b) => compareIds(a[0]!, b[0]!));
}

/**
 * Components packed, in order, into batches of about `maxBorrowers` (a larger component
 * is a batch of its own), each batch's borrower ids ascending.
 */
export function batchesOf(components: readonly string[][], maxBorrowers: number): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  for (const component of components) {
    if (current.length > 0 && current.length + component.length > maxBorrowers) {
      batches.push(current.sort(compareIds));
      current = [];
    }
    current.push(...component);
  }
  if (current.length > 0) batches.push(current.sort(compareIds));
  return batches;
}

/** Every record about the given borrowers, in the evidence's own order, with every ad source and complaint channel. */
export function evidenceFor(evidence: Evidence, borrowerIds: ReadonlySet<string>): Evidence {
  const about = <T extends { borrowerId: string }>(rows: T[]) => rows.filter((r) => borrowerIds.has(r.borrowerId));
  return {
    borrowers: evidence.borrowers.filter((b) => borrowerIds.has(b.id)),
    adSources: evidence.adSources,
    complaintChannels: evidence.complaintChannels,
    phoneLinks: about(evidence.phoneLinks),
    deviceLinks: about(evidence.deviceLinks),
    recruitments: about(evidence.recruitments),
    complaints: about(evidence.complaints),
    calls: about(evidence.calls),
  };
}

