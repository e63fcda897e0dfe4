import type { AdSource } from '../contract/ingestBatch';
import { publicTemplate, type ComplaintTemplate } from './complaintTemplates';
import type { IdentifierMint } from './identifiers';
import type { ScenarioParams } from './params';
import type { BorrowerRole } from './plan';
import type { Random } from './random';

/**
 * The innocent groups the field knobs add, planned up front like the gangs: who is in
 * each and what they share. Members are drawn at random from the whole population (not
 * consecutive ids), so nothing in an id tells a group apart. Every draw comes from the
 * field stream; with the knobs off this plans nothing and draws nothing.
 */

interface GroupBase {
  id: string;
  /** Borrower indices. */
  members: number[];
}

export type FieldGroup =
  | (GroupBase & { kind: 'proxyFamily'; handler: number | null; phone: string; voiceprint: string; device: string | null })
  | (GroupBase & { kind: 'broker'; phone: string; voiceprint: string; device: string; adSource: string; from: number; to: number })
  | (GroupBase & { kind: 'caregiver'; phone: string; voiceprint: string; device: string | null })
  /** members[0] held the number first; members[1] was given it after the carrier recycled it. */
  | (GroupBase & { kind: 'recycledNumber'; phone: string; registered: [number, number]; newHolderVoice: string })
  | (GroupBase & { kind: 'publicTemplate'; template: ComplaintTemplate; from: number; to: number })
  | (GroupBase & { kind: 'complaintBurst'; cause: 'collectionIncident' | 'mediaReport'; channelId: string; from: number; to: number });

export type FieldGroupKind = FieldGroup['kind'];

export interface FieldPlan {
  groups: FieldGroup[];
  /** Borrower index → the one field group it belongs to. */
  roles: Map<number, FieldGroup>;
  /** Brokers' own flyers and accounts. */
  adSources: AdSource[];
  /** The public-template groups, which bursts and flyer audiences paste from too. */
  publicTemplateGroups: (FieldGroup & { kind: 'publicTemplate' })[];
}

const DAYS = 366;
/** Registrations happen in the first part of the year (population.ts). */
const LAST_REGISTRATION_DAY = 150;
/** A lapsed number is frozen about 90 days before the carrier gives it out again. */
const RECYCLE_FREEZE_DAYS = 95;
const INCIDENT_CHANNELS = ['ch-reg-local', 'ch-reg-nfra', 'ch-reg-local'];
const MEDIA_CHANNELS = ['ch-cp-blackcat', 'ch-sm-weibo', 'ch-reg-nfra'];

export function planPublicTemplates(params: ScenarioParams, field: Random): ComplaintTemplate[] {
  const count = params.publicTemplates.count;
  return Array.from({ length: count }, (_, k) => publicTemplate(`tpl-public-${String(k + 1).padStart(2, '0')}`, field));
}

class GroupPlanner {
  readonly plan: FieldPlan = { groups: [], roles: new Map(), adSources: [], publicTemplateGroups: [] };
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly params: ScenarioParams,
    readonly field: Random,
    readonly mint: IdentifierMint,
    private readonly roles: Map<number, BorrowerRole>,
  ) {}

  nextId(kind: FieldGroupKind): string {
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    return `${kind}-${String(n).padStart(5, '0')}`;
  }

  /** Borrowers with no gang role and no field group yet. */
  members(count: number): number[] {
    const members = new Set<number>();
    while (members.size < count) {
      const index = this.field.int(0, this.params.borrowers - 1);
      if (!this.roles.has(index) && !this.plan.roles.has(index)) members.add(index);
    }
    return [...members];
  }

  add(group: FieldGroup): void {
    this.plan.groups.push(group);
    for (const index of group.members) this.plan.roles.set(index, group);
  }

  /** An ordinary person's phone: now and then a virtual-operator number. */
  phone(): string {
    const mvno = this.params.phoneForms.mvnoRate;
    return mvno > 0 && this.field.chance(mvno) ? this.mint.mvnoPhone() : this.mint.phone();
  }

  /** How many groups of mean size `meanSize` hold `rate` of the borrowers. */
  groupCount(rate: number, meanSize: number): number {
    return rate > 0 ? Math.max(1, Math.round((this.params.borrowers * rate) / meanSize)) : 0;
  }
}

const mean = (min: number, max: number) => (min + Math.max(min, max)) / 2;

function proxyFamilies(p: GroupPlanner, params: ScenarioParams): void {
  const f = params.proxyFamilies;
  for (let n = p.groupCount(f.rate, mean(f.minSize, f.maxSize)); n > 0; n--) {
    const members = p.members(p.field.int(f.minSize, Math.max(f.minSize, f.maxSize)));
    p.add({
      kind: 'proxyFamily',
      id: p.nextId('proxyFamily'),
      members,
      handler: p.field.chance(f.handlerIsBorrowerRate) ? members[0]! : null,
      phone: p.phone(),
      voiceprint: p.mint.voiceprint(),
      device: p.field.chance(f.sharedHandsetRate) ? p.mint.device() : null,
    });
  }
}

function brokers(p: GroupPlanner, params: ScenarioParams, localAdSource: (random: Random) => AdSource): void {
  const b = params.brokers;
  for (let n = p.groupCount(b.rate, mean(b.minClients, b.maxClients)); n > 0; n--) {
    const from = p.field.between(0, Math.max(0, LAST_REGISTRATION_DAY - b.registrationDays));
    const adSource = localAdSource(p.field);
    p.plan.adSources.push(adSource);
    p.add({
      kind: 'broker',
      id: p.nextId('broker'),
      members: p.members(p.field.int(b.minClients, Math.max(b.minClients, b.maxClients))),
      phone: p.phone(),
      voiceprint: p.mint.voiceprint(),
      device: p.mint.device(),
      adSource: adSource.id,
      from,
      to: from + b.registrationDays,
    });
  }
}

function caregivers(p: GroupPlanner, params: ScenarioParams): void {
  const c = params.caregivers;
  for (let n = p.groupCount(c.rate, mean(c.minClients, c.maxClients)); n > 0; n--) {
    p.add({
      kind: 'caregiver',
      id: p.nextId('caregiver'),
      members: p.members(p.field.int(c.minClients, Math.max(c.minClients, c.maxClients))),
      phone: p.phone(),
      voiceprint: p.mint.voiceprint(),
      device: p.field.chance(c.sharedDeviceRate) ? p.mint.device() : null,
    });
  }
}

function recycledNumbers(p: GroupPlanner, params: ScenarioParams): void {
  for (let n = p.groupCount(params.recycledNumbers.rate, 2); n > 0; n--) {
    const former = p.field.between(0, LAST_REGISTRATION_DAY - RECYCLE_FREEZE_DAYS - 10);
    const next = p.field.between(former + RECYCLE_FREEZE_DAYS, LAST_REGISTRATION_DAY);
    p.add({
      kind: 'recycledNumber',
      id: p.nextId('recycledNumber'),
      members: p.members(2),
      phone: p.phone(),
      registered: [former, next],
      newHolderVoice: p.mint.voiceprint(),
    });
  }
}

/** Popular guides are filed far more than obscure ones: weights 1, 1/2, 1/3… */
function publicTemplateFilers(p: GroupPlanner, params: ScenarioParams, templates: ComplaintTemplate[]): void {
  const t = params.publicTemplates;
  if (templates.length === 0 || t.rate === 0) return;
  const weights = templates.map((_, k) => 1 / (k + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const filers = p.members(Math.round(params.borrowers * t.rate));
  const groups = templates.map((template) => {
    const from = p.field.between(30, DAYS - t.spreadDays / 2);
    return { kind: 'publicTemplate' as const, id: p.nextId('publicTemplate'), members: [] as number[], template, from, to: Math.min(DAYS - 1, from + t.spreadDays) };
  });
  for (const filer of filers) {
    let u = p.field.next() * total;
    const k = weights.findIndex((w) => (u -= w) < 0);
    groups[k === -1 ? groups.length - 1 : k]!.members.push(filer);
  }
  for (const group of groups) {
    if (group.members.length === 0) continue;
    p.add(group);
    p.plan.publicTemplateGroups.push(group);
  }
}

function bursts(p: GroupPlanner, params: ScenarioParams): void {
  const b = params.bursts;
  const count = b.per100k > 0 ? Math.max(1, Math.round((params.borrowers * b.per100k) / 100_000)) : 0;
  for (let n = 0; n < count; n++) {
    const cause = p.field.chance(b.mediaShare) ? 'mediaReport' : 'collectionIncident';
    const days = p.field.between(b.minDays, Math.max(b.minDays, b.maxDays));
    const from = p.field.between(LAST_REGISTRATION_DAY / 2, DAYS - 1 - days);
    p.add({
      kind: 'complaintBurst',
      id: p.nextId('complaintBurst'),
      members: p.members(p.field.int(b.minMembers, Math.max(b.minMembers, b.maxMembers))),
      cause,
      channelId: p.field.pick(cause === 'mediaReport' ? MEDIA_CHANNELS : INCIDENT_CHANNELS),
      from,
      to: from + days,
    });
  }
}

export function planInnocentGroups(
  params: ScenarioParams,
  field: Random,
  mint: IdentifierMint,
  roles: Map<number, BorrowerRole>,
  templates: ComplaintTemplate[],
  localAdSource: (random: Random) => AdSource,
): FieldPlan {
  const share =
    params.proxyFamilies.rate + params.brokers.rate + params.caregivers.rate + params.recycledNumbers.rate + params.publicTemplates.rate;
  if (share > 0.4) throw new Error(`scenario: field groups would hold ${Math.round(share * 100)}% of borrowers; keep their rates under 40% together`);
  const planner = new GroupPlanner(params, field, mint, roles);
  proxyFamilies(planner, params);
  brokers(planner, params, localAdSource);
  caregivers(planner, params);
  recycledNumbers(planner, params);
  publicTemplateFilers(planner, params, templates);
  bursts(planner, params);
  return planner.plan;
}
