import type { Hub } from '../contract/ring';
import { identifierKey, identifierCount, keyOf, kindOf, type IdentifierLinks } from './identifierLinks';
import { IdentifierUse, type IdentifierTriage } from './identifierHubs';
import type { RecruitmentCampaign } from './recruitmentCampaigns';

/**
 * What the detection of one batch of components needs to know about all the data. Inside
 * a connected component of the borrower graph everything is local: every live phone,
 * device, voice and campaign ties only borrowers of that component. What is not local:
 * the hubs (their borrowers span components, and whether an identifier is one depends on
 * its degree over all the data), the ad sources (they add weight to ties across
 * components and are weighted by their size), and the campaigns (found per ad source
 * at the platform's complaint rate). Computed once per run, from the evidence in memory
 * or from the graph where it is stored, so the same data gives the same rings either way.
 */
export interface DetectionContext {
  /** Degrees over all the data of the ad sources and hubs, keyed by identifierKey. */
  degrees: Map<string, number>;
  /** Identifiers cut as hubs, keyed by identifierKey. */
  cut: Set<string>;
  /** Every hub the run set aside, for the run's record. */
  hubs: Hub[];
  campaigns: RecruitmentCampaign[];
}

/** The context as the whole evidence in memory gives it. */
export function contextFromLinks(links: IdentifierLinks, triage: IdentifierTriage, campaigns: RecruitmentCampaign[]): DetectionContext {
  const degrees = new Map<string, number>();
  const cut = new Set<string>();
  for (let id = 0; id < identifierCount(links); id++) {
    const isCut = triage.use[id] === IdentifierUse.Cut;
    if (isCut) cut.add(keyOf(links, id));
    if (isCut || kindOf(links, id) === 'adSource') degrees.set(keyOf(links, id), links.degree[id]!);
  }
  return { degrees, cut, hubs: triage.hubs, campaigns };
}

/**
 * Gives a batch's identifiers their degrees over all the data, and returns the ones cut
 * as hubs, by their index in these links.
 */
export function applyContext(links: IdentifierLinks, context: DetectionContext): Set<number> {
  const cutHere = new Set<number>();
  for (let id = 0; id < identifierCount(links); id++) {
    const key = keyOf(links, id);
    const degree = context.degrees.get(key);
    if (degree !== undefined) links.degree[id] = degree;
    if (context.cut.has(key)) cutHere.add(id);
  }
  return cutHere;
}

/** The campaigns whose filers a batch holds (all of a campaign's filers are in one component). */
export const campaignsIn = (campaigns: readonly RecruitmentCampaign[], borrowers: ReadonlyMap<string, number>): RecruitmentCampaign[] =>
  campaigns.filter((c) => borrowers.has(c.borrowerIds[0]!));

export { identifierKey };
