import type { Evidence } from '../contract/evidence';
import type { PreviousRing, Ring } from '../contract/ring';
import { indexBorrowers } from './borrowerIndex';
import { shingleComplaints } from './complaintTemplates';
import { findRecruitmentCampaigns } from './recruitmentCampaigns';
import { campaignAffinities, collectIdentifierLinks, identifierCount } from './identifierLinks';
import { triageIdentifiers } from './identifierHubs';
import { liveIncidencesByBorrower } from './borrowerIncidences';
import { projectBorrowers } from './borrowerProjection';
import { scaleCampaignBridges } from './campaignBridges';
import { findBorrowerCommunities, inCommunityStrength, smallestRing } from './borrowerCommunities';
import { indexBorrowerRecords } from './borrowerRecords';
import { sharedRingIdentifiers } from './ringIdentifiers';
import { channelGroups, ringFindings } from './ringSignals';
import { operatedCore } from './ringCore';
import { scoreRing } from './scoreRing';
import { memberRoles } from './memberRoles';
import { ringTools } from './ringTools';
import { assignRingIds } from './assignRingIds';
import { parseDetectionOptions, type DetectionOptionsInput } from './options';
import type { DetectionResult } from './detectionResult';
import { stageTimer } from './stageTimer';

/**
 * Finds candidate fraud rings: evidence → recruitment campaigns → borrower–identifier links
 * → hub cut → weighted borrower graph → Louvain communities → scored, explained rings with
 * stable ids. Pure: the same evidence, options and previous rings always give the same result.
 */
export function detectRings(
  evidence: Evidence,
  options: Partial<DetectionOptionsInput> = {},
  previous: readonly PreviousRing[] = [],
): DetectionResult {
  const opts = parseDetectionOptions(options);
  const timer = stageTimer();
  const progress = (stage: string) => opts.onProgress?.(stage, 0, 1);

  progress('campaigns');
  const shingles = timer.run('texts', () => shingleComplaints(evidence, opts));
  const campaigns = timer.run('campaigns', () => findRecruitmentCampaigns(evidence, shingles, opts));
  progress('links');
  const borrowers = timer.run('borrowers', () => indexBorrowers(evidence));
  const links = timer.run('links', () => collectIdentifierLinks(evidence, borrowers, campaigns));
  const triage = timer.run('hubs', () => triageIdentifiers(links, opts));
  const incidences = timer.run('incidences', () => liveIncidencesByBorrower(links, triage, borrowers.ids.length));
  const affinity = timer.run('bridges', () => scaleCampaignBridges(links, triage, borrowers.ids.length, campaignAffinities(links, campaigns), opts.campaignBridge));
  const edges = timer.run('projection', () => projectBorrowers(links, incidences, opts, opts.onProgress, affinity));
  const communities = timer.run('communities', () => findBorrowerCommunities(edges, borrowers.ids, opts));

  const unnamed = timer.run('scoring', () => {
    const strength = inCommunityStrength(edges, communities.communityOf);
    const context = { evidence, records: indexBorrowerRecords(evidence, borrowers), shingles, channelGroup: channelGroups(evidence), options: opts };
    return communities.members.map((community, i) => {
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

  const { rings, retired } = timer.run('ids', () => {
    const kept = unnamed.filter((r) => r.size >= (r.kind === 'complaintCampaign' ? opts.minCampaignSize : opts.minRingSize));
    const assignment = assignRingIds(previous, kept.map((r) => r.memberIds), opts.idJaccard);
    const named: Ring[] = kept.map(({ memberIds: _ids, ...ring }, i) => ({
      id: assignment.ids[i]!,
      ...ring,
      lineage: assignment.lineage[i]!,
    }));
    named.sort((a, b) => Number(b.suspected) - Number(a.suspected) || b.score - a.score || b.size - a.size || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { rings: named, retired: assignment.retired };
  });
  opts.onProgress?.('done', 1, 1);

  return {
    rings,
    hubs: triage.hubs,
    retiredRingIds: retired,
    stats: {
      borrowers: borrowers.ids.length,
      links: links.rawLinks,
      identifiers: identifierCount(links),
      recruitmentCampaigns: campaigns.length,
      graphNodes: communities.graphNodes,
      graphEdges: communities.graphEdges,
      components: communities.components,
      communities: rings.length,
      campaigns: rings.filter((r) => r.kind === 'complaintCampaign').length,
      suspected: rings.filter((r) => r.suspected).length,
      modularity: communities.modularity,
      timings: timer.timings,
    },
  };
}
