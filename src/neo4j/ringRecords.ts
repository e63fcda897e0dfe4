import {
  SignalSchema, UsageSchema, topSignals, type Campaign, type Hub, type MemberReason, type Ring, type RingLineage, type RingMember, type RingTool, type Signal,
} from '../contract/ring';
import { int } from './values';

/**
 * The ring contract as Neo4j holds it: flat properties of primitives and lists of
 * primitives, never JSON strings, so analysts can filter and count in Cypher
 * (`WHERE m.voiceMismatched > 0`, `MATCH (r)-[s:SHOWS]->(:Signal {name: 'sharedVoice'})`).
 * Each `…Row` function writes one part; its `…FromRow` twin reads it back, and a unit
 * test round-trips rings through both.
 */

/** Signals become `(:Ring)-[:SHOWS {…facts}]->(:Signal {name})`. */
export function signalRow(ringId: string, { name, ...facts }: Signal) {
  return { ringId, name, props: { ...facts, count: int(facts.count), of: int(facts.of), adSourceRecruits: facts.adSourceRecruits === null ? null : int(facts.adSourceRecruits) } };
}

/** Properties Neo4j left out because they were null come back as null. */
export const signalFromRow = (row: Record<string, unknown>): Signal =>
  SignalSchema.parse({ unobservedBecause: null, value: null, channelKind: null, windowHours: null, adSourceId: null, adSourceRecruits: null, ...row });

/** The ring node: score and verdict, campaign figures, lineage as parallel lists. */
export function ringRow(ring: Ring, runId: string): Record<string, unknown> {
  return {
    id: ring.id,
    runId,
    kind: ring.kind,
    score: ring.score,
    // For captions (Neo4j Browser shows a property as it is): the score to two places.
    scoreLabel: ring.score.toFixed(2),
    suspected: ring.suspected,
    size: int(ring.size),
    operated: int(ring.operated),
    topSignals: topSignals(ring.signals),
    complainants: int(ring.campaign.complainants),
    complaints: int(ring.campaign.complaints),
    coordinated: ring.campaign.coordinated,
    firstComplaintAt: ring.campaign.firstAt,
    lastComplaintAt: ring.campaign.lastAt,
    lineageFrom: ring.lineage.from.map((a) => a.ringId),
    lineageShared: ring.lineage.from.map((a) => int(a.sharedMembers)),
    lineageJaccard: ring.lineage.from.map((a) => a.jaccard),
    keptId: ring.lineage.keptId,
    split: ring.lineage.split,
    merged: ring.lineage.merged,
  };
}

export interface RingNode {
  id: string;
  runId: string;
  kind: Ring['kind'];
  score: number;
  suspected: boolean;
  size: number;
  operated: number;
  topSignals: string[];
  complainants: number;
  complaints: number;
  coordinated: boolean;
  firstComplaintAt: string | null;
  lastComplaintAt: string | null;
  lineageFrom: string[];
  lineageShared: number[];
  lineageJaccard: number[];
  keptId: boolean;
  split: boolean;
  merged: boolean;
}

export const campaignFromRow = (r: RingNode): Campaign => ({
  complainants: r.complainants,
  complaints: r.complaints,
  coordinated: r.coordinated,
  firstAt: r.firstComplaintAt ?? null,
  lastAt: r.lastComplaintAt ?? null,
});

export const lineageFromRow = (r: RingNode): RingLineage => ({
  from: (r.lineageFrom ?? []).map((ringId, i) => ({ ringId, sharedMembers: r.lineageShared[i]!, jaccard: r.lineageJaccard[i]! })),
  keptId: r.keptId,
  split: r.split,
  merged: r.merged,
});

/**
 * A membership: `(:Borrower)-[:MEMBER_OF {…}]->(:Ring)`. Shared-identifier reasons are
 * parallel lists (`tieKinds[i]`, `tieIds[i]`, `tieUsages[i]` as 'a|b', …); the other
 * reasons are their own properties, absent when the member has no such reason.
 */
export function memberRow(ringId: string, m: RingMember): Record<string, unknown> {
  const ties = m.reasons.filter((r): r is Extract<MemberReason, { kind: 'sharedIdentifier' }> => r.kind === 'sharedIdentifier');
  const find = <K extends MemberReason['kind']>(kind: K) => m.reasons.find((r): r is Extract<MemberReason, { kind: K }> => r.kind === kind);
  const voice = find('voiceMismatch');
  const identity = find('identityFailed');
  const lockstep = find('complaintLockstep');
  const template = find('templateText');
  return {
    ringId,
    borrowerId: m.borrowerId,
    props: {
    role: m.role,
    weight: m.weight,
    tieKinds: ties.map((t) => t.identifier.kind),
    tieIds: ties.map((t) => t.identifier.id),
    tieUsages: ties.map((t) => t.usages.join('|')),
    tieSharedWith: ties.map((t) => int(t.sharedWith)),
    tieDegree: ties.map((t) => int(t.degree)),
    voiceMismatched: voice ? int(voice.failed) : null,
    voiceChecked: voice ? int(voice.checked) : null,
    identityFailed: identity ? int(identity.failed) : null,
    identityChecked: identity ? int(identity.checked) : null,
    lockstepChannelKind: lockstep?.channelKind ?? null,
    lockstepOthers: lockstep ? int(lockstep.others) : null,
    lockstepWindowHours: lockstep?.windowHours ?? null,
    templateOthers: template ? int(template.others) : null,
    },
  };
}

export interface MemberRelationship {
  borrowerId: string;
  role: RingMember['role'];
  weight: number;
  tieKinds: string[];
  tieIds: string[];
  tieUsages: string[];
  tieSharedWith: number[];
  tieDegree: number[];
  voiceMismatched: number | null;
  voiceChecked: number | null;
  identityFailed: number | null;
  identityChecked: number | null;
  lockstepChannelKind: string | null;
  lockstepOthers: number | null;
  lockstepWindowHours: number | null;
  templateOthers: number | null;
}

/** Reasons in the order detection gives them: ties first, then checks, lockstep and template. */
export function reasonsFromRow(m: MemberRelationship): MemberReason[] {
  const reasons: MemberReason[] = (m.tieKinds ?? []).map((kind, i) => ({
    kind: 'sharedIdentifier' as const,
    identifier: { kind: kind as Extract<MemberReason, { kind: 'sharedIdentifier' }>['identifier']['kind'], id: m.tieIds[i]! },
    usages: m.tieUsages[i]!.split('|').map((u) => UsageSchema.parse(u)),
    sharedWith: m.tieSharedWith[i]!,
    degree: m.tieDegree[i]!,
  }));
  if (m.voiceMismatched != null) reasons.push({ kind: 'voiceMismatch', failed: m.voiceMismatched, checked: m.voiceChecked ?? 0 });
  if (m.identityFailed != null) reasons.push({ kind: 'identityFailed', failed: m.identityFailed, checked: m.identityChecked ?? 0 });
  if (m.lockstepChannelKind != null) {
    reasons.push({ kind: 'complaintLockstep', channelKind: m.lockstepChannelKind, others: m.lockstepOthers ?? 0, windowHours: m.lockstepWindowHours ?? 0 });
  }
  if (m.templateOthers != null) reasons.push({ kind: 'templateText', others: m.templateOthers });
  return reasons;
}

export const memberFromRow = (m: MemberRelationship): RingMember => ({ borrowerId: m.borrowerId, role: m.role, weight: m.weight, reasons: reasonsFromRow(m) });

/** A tool: `(:Ring)-[:USES_TOOL {kind, rank, members, degree, usages}]->(identifier)`; a campaign is a `(:CampaignTemplate)`. */
export const toolRow = (ringId: string, t: RingTool) => ({
  ringId,
  kind: t.kind,
  id: t.id,
  props: { kind: t.kind, rank: int(t.rank), members: int(t.members), degree: int(t.degree), usages: t.usages },
});

/** A hub the run set aside: `(:AnalysisRun)-[:TREATED_AS_HUB {…}]->(identifier)`. */
export const hubRow = ({ kind, id, ...facts }: Hub) => ({ kind, id, props: { ...facts, degree: int(facts.degree), limit: int(facts.limit) } });
