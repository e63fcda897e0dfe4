import type { AdSource, ComplaintChannel } from '../contract/ingestBatch';
import { CHANNELS } from './channels';
import type { ComplaintTemplate } from './complaintTemplates';
import { planGangStyles, planGangTemplates, type Operator } from './gangStyles';
import { DAYS_IN_YEAR, type IdentifierMint } from './identifiers';
import { planInnocentGroups, planPublicTemplates, type FieldPlan } from './innocentPlan';
import type { ScenarioParams } from './params';
import { placeCampaignsInWindow } from './liveWindow';
import { createRandom, mix32, powerLawSampler, type Random } from './random';
import { GANG_CLAIMS, gangTemplateCount } from './texts';
import type { GangStyle, GangTraits, TemplateSource } from './truth';

/**
 * Everything decided before the first borrower is streamed: channels, ad sources,
 * hubs, and the gangs with the borrowers they will operate. Gangs are a few percent
 * of the population, so planning them up front costs little memory.
 */

export interface PlannedGang {
  id: string;
  members: number[];
  nonParticipants: number[];
  /** With a fresh phone per borrower, phones[i] belongs to members[i]. */
  phones: string[];
  devices: string[];
  /** The agent's voice first, the accomplice's second. */
  voiceprints: string[];
  adSources: string[];
  campaign: { from: number; to: number };
  claims: string[];
  template: number;
  traits: GangTraits;
  style: GangStyle;
  operators: Operator[];
  /** The template its complaints paste (field texts), or the plain template number's name. */
  templateRef: { id: string; source: TemplateSource; template: ComplaintTemplate | null };
  /** Members (borrower indices) operated while not yet overdue. */
  current: Set<number>;
}

export type BorrowerRole =
  | { kind: 'member'; gang: PlannedGang; memberNo: number; current?: boolean }
  | { kind: 'nonParticipant'; gang: PlannedGang }
  | { kind: 'burst' };

export interface ScenarioPlan {
  channels: ComplaintChannel[];
  adSources: AdSource[];
  marketingAdSources: string[];
  /** Cumulative weights of the marketing sources: a few big ones dominate. */
  marketingWeights: number[];
  localAdSources: string[];
  hubDevices: string[];
  switchboards: string[];
  gangs: PlannedGang[];
  roles: Map<number, BorrowerRole>;
  burst: { channelId: string; from: number; to: number };
  /** The field knobs' plan: innocent groups and public templates; empty while they are off. */
  field: FieldPlan;
}

export { CHANNELS, channelIdsOfKind } from './channels';

/** The regulator that received the burst of genuine complaints. */
const BURST_CHANNEL = 'ch-reg-local';

const MARKETING = [
  { kind: 'website', label: '官网注册' },
  { kind: 'social_account', label: '官方微信公众号' },
  { kind: 'social_account', label: '官方抖音号' },
  { kind: 'website', label: '应用商店' },
  { kind: 'website', label: '搜索广告' },
  { kind: 'social_account', label: '官方微博' },
] as const;

/** Local sources, honest or not, are labelled from one pool so a label gives nothing away. */
const LOCAL_KINDS = ['street_flyer', 'chat_group', 'social_account'] as const;
const LOCAL_LABELS = { street_flyer: '传单', chat_group: '交流群', social_account: '推广号' } as const;
const AREAS = ['朝阳', '海淀', '浦东', '天河', '福田', '武侯', '江北', '西湖', '鼓楼', '雁塔', '岳麓', '历下'];

function localAdSource(mint: IdentifierMint, random: Random): AdSource {
  const kind = random.pick(LOCAL_KINDS);
  return { id: mint.adSource(), kind, label: `${random.pick(AREAS)}${LOCAL_LABELS[kind]}` };
}

function marketingSources(params: ScenarioParams, mint: IdentifierMint): { sources: AdSource[]; weights: number[] } {
  const sources: AdSource[] = [];
  const weights: number[] = [];
  let total = 0;
  for (let i = 0; i < params.marketing.bigAdSources; i++) {
    const { kind, label } = MARKETING[i % MARKETING.length]!;
    sources.push({ id: mint.adSource(), kind, label: i < MARKETING.length ? label : `${label} ${i + 1}` });
    weights.push((total += 1 / (i + 1)));
  }
  return { sources, weights: weights.map((w) => w / total) };
}

/** A borrower index nobody has a role for yet. */
function freeIndex(params: ScenarioParams, roles: Map<number, BorrowerRole>, random: Random): number {
  for (;;) {
    const index = random.int(0, params.borrowers - 1);
    if (!roles.has(index)) return index;
  }
}

const times = <T>(count: number, make: () => T): T[] => Array.from({ length: count }, make);

/** A gang sticks to one or more of the claims that win refunds. */
function gangClaims(random: Random): string[] {
  const claims = GANG_CLAIMS.filter(() => random.chance(0.6));
  return claims.length > 0 ? claims : [random.pick(GANG_CLAIMS)];
}

function planGang(number: number, params: ScenarioParams, random: Random, mint: IdentifierMint, size: number): PlannedGang {
  const g = params.gangs;
  const traits: GangTraits = {
    freshPhonePerBorrower: random.chance(g.freshPhoneRate),
    usesBorrowerPhone: random.chance(g.ownPhoneRate),
    sharedAdSource: false,
    accompliceVoice: random.chance(g.accompliceVoiceRate),
    hasNonParticipants: random.chance(g.nonParticipantRate),
  };
  const length = random.between(g.minCampaignDays, Math.max(g.minCampaignDays, g.maxCampaignDays));
  const from = random.between(150, DAYS_IN_YEAR - 1 - length);
  return {
    id: `gang-${String(number + 1).padStart(4, '0')}`,
    members: [],
    nonParticipants: [],
    phones: times(traits.freshPhonePerBorrower ? size : random.int(1, 3), () => mint.phone()),
    devices: times(random.int(1, 3), () => mint.device()),
    voiceprints: times(traits.accompliceVoice ? 2 : 1, () => mint.voiceprint()),
    adSources: [],
    campaign: { from, to: from + length },
    claims: gangClaims(random),
    template: random.int(0, gangTemplateCount - 1),
    traits,
    style: traits.freshPhonePerBorrower ? 'freshPhone' : 'operatorKit',
    operators: [],
    templateRef: { id: '', source: 'plain', template: null },
    current: new Set(),
  };
}

/** Some gangs print with the same flyer printer: they take over another gang's first ad source. */
function shareAdSources(gangs: PlannedGang[], rate: number, random: Random): void {
  const sharing = Math.min(Math.round(gangs.length * rate), Math.floor(gangs.length / 2));
  const order = gangs.map((gang) => ({ gang, key: random.next() })).sort((a, b) => a.key - b.key);
  for (let i = 0; i < sharing; i++) {
    const borrower = order[2 * i]!.gang;
    const lender = order[2 * i + 1]!.gang;
    borrower.adSources[0] = lender.adSources[0]!;
    borrower.traits.sharedAdSource = true;
    lender.traits.sharedAdSource = true;
  }
}

function assignBorrowers(gang: PlannedGang, size: number, params: ScenarioParams, roles: Map<number, BorrowerRole>, random: Random, field: Random): void {
  const currentRate = params.gangs.currentMemberRate;
  for (let memberNo = 0; memberNo < size; memberNo++) {
    const index = freeIndex(params, roles, random);
    // Drawn from the field stream, and only when on, so the main stream is untouched.
    const current = currentRate > 0 && field.chance(currentRate);
    roles.set(index, current ? { kind: 'member', gang, memberNo, current } : { kind: 'member', gang, memberNo });
    if (current) gang.current.add(index);
    gang.members.push(index);
  }
  const recruits = gang.traits.hasNonParticipants ? Math.max(1, Math.round(size * random.between(0.1, 0.5))) : 0;
  for (let i = 0; i < recruits; i++) {
    const index = freeIndex(params, roles, random);
    roles.set(index, { kind: 'nonParticipant', gang });
    gang.nonParticipants.push(index);
  }
}

function checkRoom(params: ScenarioParams, sizes: number[]): void {
  const planted = sizes.reduce((a, b) => a + b, 0);
  if (planted * 1.5 > params.borrowers / 2) {
    throw new Error(`scenario: ${sizes.length} gangs need about ${planted} borrowers; raise borrowers or gangs.borrowersPerGang`);
  }
}

function planGangs(
  params: ScenarioParams,
  random: Random,
  field: Random,
  mint: IdentifierMint,
  roles: Map<number, BorrowerRole>,
  publicTemplates: ComplaintTemplate[],
): { gangs: PlannedGang[]; adSources: AdSource[] } {
  const g = params.gangs;
  const sampleSize = powerLawSampler(g.minSize, Math.max(g.minSize, g.maxSize), g.sizeExponent);
  const count = Math.round(params.borrowers / g.borrowersPerGang);
  const sizes = times(count, () => sampleSize(random));
  checkRoom(params, sizes);
  const gangs = sizes.map((size, n) => planGang(n, params, random, mint, size));
  planGangStyles(gangs, sizes, params, field, mint);
  planGangTemplates(gangs, params, field, publicTemplates);
  checkRoom(params, sizes);
  const adSources: AdSource[] = [];
  for (const gang of gangs) {
    const own = times(random.chance(0.3) ? 2 : 1, () => localAdSource(mint, random));
    gang.adSources = own.map((source) => source.id);
    adSources.push(...own);
  }
  shareAdSources(gangs, g.sharedAdSourceRate, random);
  const used = new Set(gangs.flatMap((gang) => gang.adSources));
  gangs.forEach((gang, n) => assignBorrowers(gang, sizes[n]!, params, roles, random, field));
  return { gangs, adSources: adSources.filter((source) => used.has(source.id)) };
}

function planBurst(params: ScenarioParams, random: Random, roles: Map<number, BorrowerRole>): ScenarioPlan['burst'] {
  for (let i = Math.round(params.borrowers * params.burst.rate); i > 0; i--) {
    roles.set(freeIndex(params, roles, random), { kind: 'burst' });
  }
  const from = random.between(60, DAYS_IN_YEAR - 1 - params.burst.days);
  return { channelId: BURST_CHANNEL, from, to: from + params.burst.days };
}

/**
 * `random` is the main stream the default and hard profiles were built on; `field` draws
 * everything the field knobs add, so a knob that is off changes nothing in the main one.
 * The order of minting is kept too: field identifiers are minted after the rest.
 */
export function planScenario(params: ScenarioParams, random: Random, mint: IdentifierMint, field: Random): ScenarioPlan {
  const roles = new Map<number, BorrowerRole>();
  const marketing = marketingSources(params, mint);
  const localCount = Math.ceil((params.borrowers * params.marketing.localRecruitRate) / params.marketing.borrowersPerLocalAdSource);
  const local = times(Math.max(1, localCount), () => localAdSource(mint, random));
  const publicTemplates = planPublicTemplates(params, field);
  const { gangs, adSources: gangSources } = planGangs(params, random, field, mint, roles, publicTemplates);
  // A stream of its own, so a month's replay leaves every other draw where it was.
  if (params.days > 0) placeCampaignsInWindow(gangs, params, createRandom(mix32(params.seed ^ 0x64617973)));
  const burst = planBurst(params, random, roles);
  const hubDevices = times(Math.ceil(params.borrowers / params.hubs.borrowersPerHubDevice), () => mint.device());
  const switchboards = times(Math.ceil(params.borrowers / params.hubs.borrowersPerSwitchboard), () => mint.phone());
  const fieldPlan = planInnocentGroups(params, field, mint, roles, publicTemplates, (r) => localAdSource(mint, r));
  return {
    channels: CHANNELS,
    // Sorted by their scrambled ids, so a gang's or a broker's source is not told apart by its place in the file.
    adSources: [...marketing.sources, ...[...local, ...gangSources, ...fieldPlan.adSources].sort((a, b) => (a.id < b.id ? -1 : 1))],
    marketingAdSources: marketing.sources.map((source) => source.id),
    marketingWeights: marketing.weights,
    localAdSources: local.map((source) => source.id),
    hubDevices,
    switchboards,
    gangs,
    roles,
    burst,
    field: fieldPlan,
  };
}
