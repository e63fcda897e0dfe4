import type { DetectionStats } from '../contract/analysisRun';
import type { Evidence } from '../contract/evidence';
import type { PreviousRing, Ring } from '../contract/ring';
import { compareIds, indexBorrowers, type BorrowerIndex } from './borrowerIndex';
import { shingleComplaints, type ComplaintShingles } from './complaintTemplates';
import { findRecruitmentCampaigns, type RecruitmentCampaign } from './recruitmentCampaigns';
import { campaignAffinities, collectIdentifierLinks, identifierCount, type IdentifierLinks } from './identifierLinks';
import { triageIdentifiers, type IdentifierTriage } from './identifierHubs';
import { liveIncidencesByBorrower } from './borrowerIncidences';
import { projectBorrowers } from './borrowerProjection';
import { scaleCampaignBridges } from './campaignBridges';
import { addModularity, findBorrowerCommunities, inCommunityStrength, modularityOf, noModularity, smallestRing, type ModularityParts } from './borrowerCommunities';
import { indexBorrowerRecords } from './borrowerRecords';
import { sharedRingIdentifiers } from './ringIdentifiers';
import { channelGroups, ringFindings } from './ringSignals';
import { operatedCore } from './ringCore';
import { scoreRing } from './scoreRing';
import { memberRoles } from './memberRoles';
import { ringTools } from './ringTools';
import { assignRingIds } from './assignRingIds';
import { applyContext, campaignsIn, contextFromLinks, type DetectionContext } from './detectionContext';
import { parseDetectionOptions, type DetectionOptions, type DetectionOptionsInput } from './options';
import type { DetectionResult } from './detectionResult';
import { stageTimer } from './stageTimer';
import { isReported } from './reportedRings';

type Timer = ReturnType<typeof stageTimer>;

/** A scored ring before it has an id: its members by borrower id. */
export type UnnamedRing = Omit<Ring, 'id' | 'lineage'> & { memberIds: string[] };

/**
 * A candidate ring a run will not report, cut down to what naming and the run's figures
 * need. Every candidate is named with the others, so an earlier ring's id goes where it
 * would go if all were kept whole; only the explanation of these is dropped.
 */
export type UnreportedRing = Pick<UnnamedRing, 'kind' | 'score' | 'suspected' | 'size' | 'memberIds'>;

/** What one batch of components gives: its rings, and the figures that add up over batches. */
export interface BatchResult {
  rings: UnnamedRing[];
  /** Candidates a run does not report (detectBatch only; detectRings keeps every ring whole). */
  unreported: UnreportedRing[];
  counts: { borrowers: number; links: number; identifiers: number; graphNodes: number; graphEdges: number; components: number };
  modularity: ModularityParts;
  timings: Record<string, number>;
}

/**
 * Finds candidate fraud rings in evidence held in memory: evidence → recruitment
 * campaigns → borrower–identifier links → hub cut → weighted borrower graph → Louvain
 * communities → scored, explained rings with stable ids. Pure: the same evidence,
 * options and previous rings always give the same result, the same as detecting the
 * same data batch by batch (detectBatch) with the context of all of it.
 */
export function detectRings(
  evidence: Evidence,
  options: Partial<DetectionOptionsInput> = {},
  previous: readonly PreviousRing[] = [],
): DetectionResult {
  const opts = parseDetectionOptions(options);
  const timer = stageTimer();
  opts.onProgress?.('campaigns', 0, 1);
  const shingles = timer.run('texts', () => shingleComplaints(evidence, opts));
  const campaigns = timer.run('campaigns', () => findRecruitmentCampaigns(evidence, shingles, opts));
  opts.onProgress?.('links', 0, 1);
  const borrowers = timer.run('borrowers', () => indexBorrowers(evidence));
  const links = timer.run('links', () => collectIdentifierLinks(evidence, borrowers, campaigns));
  const triage = timer.run('hubs', () => triageIdentifiers(links, opts));
  const context = contextFromLinks(links, triage, campaigns);
  const batch = detectInLinks({ evidence, borrowers, links, triage, shingles, campaigns }, opts, timer);
  return assembleResult([batch], context, opts, previous, timer);
}

/**
 * Detects rings in one batch of whole connected components, given what the whole data
 * says about hubs, ad sources and campaigns. A batch's evidence is every record about
 * its borrowers. Candidates the run will not report keep only what naming needs: at a
 * few million borrowers they are most of the rings held until every batch is done.
 */
export function detectBatch(evidence: Evidence, context: DetectionContext, options: Partial<DetectionOptionsInput> = {}): BatchResult {
  const opts = parseDetectionOptions(options);
  const timer = stageTimer();
  const shingles = timer.run('texts', () => shingleComplaints(evidence, opts));
  const borrowers = timer.run('borrowers', () => indexBorrowers(evidence));
  const campaigns = campaignsIn(context.campaigns, borrowers.indexOf);
  const links = timer.run('links', () => collectIdentifierLinks(evidence, borrowers, campaigns));
  const triage = timer.run('hubs', () => triageIdentifiers(links, opts, applyContext(links, context)));
  return setAsideUnreported(detectInLinks({ evidence, borrowers, links, triage, shingles, campaigns }, opts, timer), opts.suspectThreshold);
}

function setAsideUnreported(batch: BatchResult, suspectThreshold: number): BatchResult {
  const rings: UnnamedRing[] = [];
  const unreported: UnreportedRing[] = [...batch.unreported];
  for (const ring of batch.rings) {
    if (isReported(ring, suspectThreshold)) rings.push(ring);
    else unreported.push({ kind: ring.kind, score: ring.score, suspected: ring.suspected, size: ring.size, memberIds: ring.memberIds });
  }
  return { ...batch, rings, unreported };
}

interface Prepared {
  evidence: Evidence;
  borrowers: BorrowerIndex;
  links: IdentifierLinks;
  triage: IdentifierTriage;
  shingles: ComplaintShingles;
  campaigns: RecruitmentCampaign[];
}

/** The weighted borrower graph, its communities, and each community scored and explained. */
function detectInLinks({ evidence, borrowers, links, triage, shingles, campaigns }: Prepared, opts: DetectionOptions, timer: Timer): BatchResult {
  const incidences = timer.run('incidences', () => liveIncidencesByBorrower(links, triage, borrowers.ids.length));
  const affinity = timer.run('bridges', () => scaleCampaignBridges(links, triage, borrowers.ids.length, campaignAffinities(links, campaigns), opts.campaignBridge));
  const edges = timer.run('projection', () => projectBorrowers(links, incidences, opts, opts.onProgress, affinity));
  const communities = timer.run('communities', () => findBorrowerCommunities(edges, borrowers.ids, opts));

  const rings = timer.run('scoring', () => {
    const strength = inCommunityStrength(edges, communities.communityOf);
    const context = { evidence, records: indexBorrowerRecords(evidence, borrowers), shingles, channelGroup: channelGroups(evidence), options: opts };
    return communities.members.map((community, i): UnnamedRing => {
      if (i % 1000 === 0) opts.onProgress?.('scoring', i, communities.members.length);
      const members = operatedCore(community, sharedRingIdentifiers(community, links, incidences), smallestRing(opts));
      const shared = sharedRingIdentifiers(members, links, incidences);
      const findings = ringFindings(members, shared, context);
      const { score, signals } = scoreRing(findings.observations, opts.signalWeights);
      const kind = findings.campaign.coordinated ? ('complaintCampaign' as const) : ('sharedOperator' as const);
      const ringMembers = memberRoles(members, shared, findings, strength, borrowers.ids, opts.lockstepWindowHours);
      return {
        kind,
        score,
        suspected: kind === 'complaintCampaign' && score >= opts.suspectThreshold,
        size: members.length,
        operated: ringMembers.filter((m) => m.role === 'operated').length,
        signals,
        members: ringMembers,
        tools: ringTools(shared, opts.maxTools),
        campaign: findings.campaign,
        memberIds: members.map((b) => borrowers.ids[b]!),
      };
    });
  });
  return {
    rings: rings.filter((r) => r.size >= (r.kind === 'complaintCampaign' ? opts.minCampaignSize : opts.minRingSize)),
    unreported: [],
    counts: {
      borrowers: borrowers.ids.length,
      links: links.rawLinks,
      identifiers: identifierCount(links),
      graphNodes: communities.graphNodes,
      graphEdges: communities.graphEdges,
      components: communities.components,
    },
    modularity: communities.modularity,
    timings: timer.timings,
  };
}

const firstId = (ring: UnreportedRing): string => ring.memberIds.reduce((min, id) => (id < min ? id : min));

/**
 * Names the rings of every batch together (ids stay stable across runs only when all of
 * a run's rings are matched against all of the last run's at once), orders them, and
 * adds the batches' figures up. `allBorrowers` counts the borrowers no batch held. The
 * result's rings are the batches' whole rings; the unreported ones count in the figures.
 */
export function assembleResult(
  batches: readonly BatchResult[],
  context: DetectionContext,
  options: DetectionOptions,
  previous: readonly PreviousRing[],
  timer: Timer = stageTimer(),
  allBorrowers?: number,
): DetectionResult {
  // One order whatever the batches were: the ids of rings matched equally well to earlier ones depend on it.
  const candidates: (UnnamedRing | UnreportedRing)[] = batches.flatMap((b) => [...b.rings, ...b.unreported]).sort((a, b) => compareIds(firstId(a), firstId(b)));
  const { rings, retired } = timer.run('ids', () => {
    const assignment = assignRingIds(previous, candidates.map((r) => r.memberIds), options.idJaccard);
    const named: Ring[] = [];
    candidates.forEach((candidate, i) => {
      if (!('members' in candidate)) return;
      const { memberIds: _ids, ...ring } = candidate;
      named.push({ id: assignment.ids[i]!, ...ring, lineage: assignment.lineage[i]! });
    });
    named.sort((a, b) => Number(b.suspected) - Number(a.suspected) || b.score - a.score || b.size - a.size || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { rings: named, retired: assignment.retired };
  });
  options.onProgress?.('done', 1, 1);
  const sum = (pick: (b: BatchResult) => number) => batches.reduce((total, b) => total + pick(b), 0);
  const modularity = batches.reduce((parts, b) => addModularity(parts, b.modularity), noModularity());
  const timings: Record<string, number> = { ...timer.timings };
  for (const b of batches) for (const [stage, ms] of Object.entries(b.timings)) timings[stage] = Math.round(((timings[stage] ?? 0) + ms) * 10) / 10;
  const stats: DetectionStats = {
    borrowers: allBorrowers ?? sum((b) => b.counts.borrowers),
    links: sum((b) => b.counts.links),
    identifiers: sum((b) => b.counts.identifiers),
    recruitmentCampaigns: context.campaigns.length,
    graphNodes: sum((b) => b.counts.graphNodes),
    graphEdges: sum((b) => b.counts.graphEdges),
    components: sum((b) => b.counts.components),
    communities: candidates.length,
    campaigns: candidates.filter((r) => r.kind === 'complaintCampaign').length,
    suspected: candidates.filter((r) => r.suspected).length,
    modularity: modularityOf(modularity, options.resolution),
    timings,
  };
  return { rings, hubs: context.hubs, retiredRingIds: retired, stats };
}
