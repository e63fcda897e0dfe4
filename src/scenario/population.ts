import type { PhoneLink } from '../contract/ingestBatch';
import type { Evidence } from '../contract/evidence';
import { channelIdsOfKind } from './channels';
import { burstOwnWords, ownWordsComplaint } from './complaintDetails';
import { recordMarks, type BorrowerIdentity, type RecordMarks, type ScenarioContext } from './context';
import { gangActivity, gangRecruitment } from './gangActivity';
import { styledGangActivity } from './gangStyleActivity';
import { KIT_STYLES } from './gangStyles';
import { borrowerId, dayToIso, DAYS_IN_YEAR } from './identifiers';
import { detailsOf, identityOverride, innocentActivity, publicTemplateComplaint, type IdentityOverride } from './innocentActivity';
import type { BorrowerRole } from './plan';
import type { HouseholdTruth, Truth } from './truth';
import { innocentGroupsTruth } from './innocentTruth';
import { incidentComplaintText, ORDINARY_CLAIMS, ordinaryComplaintText, personName } from './texts';

/**
 * Streams borrowers one at a time: each gets an ordinary life (own phone, device,
 * voice, loan, calls, maybe a complaint), may share identifiers innocently (household,
 * public device, employer's switchboard), and, if the plan says so, gang activity or a
 * complaint after the collection incident. Innocent groupings are recorded as they form.
 */

/** Channel kinds of genuine complaints: most go through the app, few to a regulator. */
const ORDINARY_CHANNEL_KINDS = [
  { weight: 0.5, ids: channelIdsOfKind('in_app') },
  { weight: 0.2, ids: channelIdsOfKind('consumer_platform') },
  { weight: 0.15, ids: channelIdsOfKind('social_media') },
  { weight: 0.15, ids: channelIdsOfKind('regulator') },
];
/** Registrations happen in the first part of the year, leaving room for loans to go overdue. */
const LAST_REGISTRATION_DAY = 150;

interface OpenHousehold {
  truth: HouseholdTruth;
  remaining: number;
}

export class PopulationStream {
  private household: OpenHousehold | null = null;
  private readonly households: HouseholdTruth[] = [];
  private readonly hubMembers: string[][];
  private readonly switchboardMembers: string[][];
  private readonly burstMembers: string[] = [];
  /** Local ad source id → its index, and the borrowers each recruited: the flyer audiences. */
  private readonly localIndex: Map<string, number>;
  private readonly flyerMembers: string[][];
  private readonly fieldTexts: boolean;

  constructor(private readonly ctx: ScenarioContext) {
    this.hubMembers = ctx.plan.hubDevices.map(() => []);
    this.switchboardMembers = ctx.plan.switchboards.map(() => []);
    this.localIndex = new Map(ctx.plan.localAdSources.map((id, i) => [id, i]));
    this.flyerMembers = ctx.plan.localAdSources.map(() => []);
    this.fieldTexts = ctx.params.texts.style === 'field';
  }

  addBorrower(index: number, out: Evidence): void {
    const { plan, params, field } = this.ctx;
    const role = plan.roles.get(index);
    const group = plan.field.roles.get(index);
    const struggling = params.strugglingCallers.rate > 0 && field.chance(params.strugglingCallers.rate);
    const marks = group || struggling ? recordMarks(out) : null;
    const borrower = this.ordinaryBorrower(index, role, out, group ? identityOverride(this.ctx, group, index) : undefined);
    this.shareIdentifiers(borrower, out);
    if (role?.kind === 'member') {
      if (KIT_STYLES.includes(role.gang.style)) gangActivity(this.ctx, borrower, role.gang, role.memberNo, out);
      else styledGangActivity(this.ctx, borrower, role.gang, role.memberNo, out);
    }
    if (role?.kind === 'nonParticipant') gangRecruitment(this.ctx, borrower, role.gang, out);
    if (role?.kind === 'burst') this.incidentComplaint(borrower, out);
    if (struggling) this.struggle(borrower, marks!, out);
    if (group) innocentActivity(this.ctx, borrower, group, marks!, out);
  }

  /** Overdue is forced for some roles; undefined leaves it to chance. */
  private forcedOverdue(role: BorrowerRole | undefined, override: IdentityOverride | undefined): boolean | undefined {
    // Agents recruit overdue borrowers (a few not yet late), and the incident hit borrowers in collection.
    if (role?.kind === 'member') return !role.current;
    if (role?.kind === 'burst') return true;
    return override?.overdue;
  }

  /** An ordinary person's number: now and then a virtual-operator one when the field knob is on. */
  private ownPhone(): string {
    const { mint, field, params } = this.ctx;
    const mvno = params.phoneForms.mvnoRate;
    return mvno > 0 && field.chance(mvno) ? mint.mvnoPhone() : mint.phone();
  }

  private ordinaryBorrower(index: number, role: BorrowerRole | undefined, out: Evidence, override: IdentityOverride | undefined): BorrowerIdentity {
    const { random, mint, params } = this.ctx;
    const p = params.population;
    const overdue = this.forcedOverdue(role, override) ?? random.chance(p.overdueRate);
    const drawn = random.between(0, LAST_REGISTRATION_DAY);
    const registered = override?.registered ?? drawn;
    const borrower: BorrowerIdentity = {
      id: borrowerId(index),
      index,
      name: '',
      principal: 0,
      phone: override?.phone ?? this.ownPhone(),
      device: override?.device ?? mint.device(),
      voiceprint: override?.voiceprint ?? mint.voiceprint(),
      registered,
    };
    // Drawn one by one in the order the record's fields always were, so the stream is unchanged.
    borrower.name = personName(random);
    const overdueDays = overdue ? random.int(role?.kind === 'member' ? 15 : 1, 180) : 0;
    borrower.principal = random.int(500, 50_000);
    out.borrowers.push({
      id: borrower.id,
      name: borrower.name,
      idNumberHash: mint.idNumberHash(index),
      registeredAt: dayToIso(registered),
      overdueDays,
      outstandingPrincipal: borrower.principal,
    });
    out.phoneLinks.push({ borrowerId: borrower.id, phone: borrower.phone, role: 'registered' });
    if (random.chance(p.contactPhoneRate)) out.phoneLinks.push({ borrowerId: borrower.id, phone: this.ownPhone(), role: 'contact' });
    out.deviceLinks.push({ borrowerId: borrower.id, deviceId: borrower.device, seenAt: dayToIso(registered) });
    if (random.chance(p.secondDeviceRate)) out.deviceLinks.push({ borrowerId: borrower.id, deviceId: mint.device(), seenAt: this.laterThan(registered) });
    const adSourceId = override?.adSource ?? this.acquisitionSource();
    out.recruitments.push({ borrowerId: borrower.id, adSourceId, at: dayToIso(registered) });
    this.ordinaryCalls(borrower, overdue, out);
    if (random.chance(p.complaintRate)) this.ordinaryComplaint(borrower, out);
    const local = this.localIndex.get(adSourceId);
    if (local !== undefined) this.joinFlyerAudience(borrower, local, out);
    return borrower;
  }

  /** Honest borrowers of one local flyer; with the field knob on, some complain (the flyer's debt advice told them how). */
  private joinFlyerAudience(borrower: BorrowerIdentity, local: number, out: Evidence): void {
    this.flyerMembers[local]!.push(borrower.id);
    const { field, params, plan } = this.ctx;
    const f = params.flyers;
    if (f.complaintRate === 0 || !field.chance(f.complaintRate)) return;
    const filed = field.between(borrower.registered, DAYS_IN_YEAR - 1);
    const templates = plan.field.publicTemplateGroups;
    if (templates.length > 0 && field.chance(f.templateShare)) {
      out.complaints.push(publicTemplateComplaint(this.ctx, borrower, field.pick(templates), filed));
      return;
    }
    const claim = field.pick(ORDINARY_CLAIMS);
    out.complaints.push({
      id: this.ctx.mint.complaintId(),
      borrowerId: borrower.id,
      channelId: field.pick(field.pick(ORDINARY_CHANNEL_KINDS).ids),
      filedAt: dayToIso(filed),
      phone: borrower.phone,
      deviceId: borrower.device,
      claim,
      text: ownWordsComplaint(claim, detailsOf(borrower, borrower.phone, filed), field),
    });
  }

  /** An elderly user or a bad line: their own calls fail the checks again and again. */
  private struggle(borrower: BorrowerIdentity, marks: RecordMarks, out: Evidence): void {
    const { field, params } = this.ctx;
    const fail = params.strugglingCallers.failRate;
    for (let i = marks.calls; i < out.calls.length; i++) {
      const call = out.calls[i]!;
      if (call.borrowerId !== borrower.id || call.voiceprintId !== borrower.voiceprint) continue;
      if (field.chance(fail)) call.voiceMatch = false;
      if (field.chance(fail)) call.identityVerified = false;
    }
  }

  private laterThan(day: number): string {
    return dayToIso(this.ctx.random.between(day, DAYS_IN_YEAR - 1));
  }

  private acquisitionSource(): string {
    const { random, plan, params } = this.ctx;
    if (random.chance(params.marketing.localRecruitRate)) return random.pick(plan.localAdSources);
    const u = random.next();
    const index = plan.marketingWeights.findIndex((w) => w > u);
    return plan.marketingAdSources[index === -1 ? plan.marketingAdSources.length - 1 : index]!;
  }

  private ordinaryCalls(borrower: BorrowerIdentity, overdue: boolean, out: Evidence): void {
    const { random, mint, params } = this.ctx;
    const p = params.population;
    for (let n = random.poisson(overdue ? p.callsWhenOverdue : p.callsWhenCurrent); n > 0; n--) {
      out.calls.push({
        id: mint.callId(),
        borrowerId: borrower.id,
        phone: borrower.phone,
        at: this.laterThan(borrower.registered),
        voiceprintId: borrower.voiceprint,
        voiceMatch: !random.chance(p.voiceMismatchRate),
        identityVerified: !random.chance(p.identityFailRate),
      });
    }
  }

  private ordinaryComplaint(borrower: BorrowerIdentity, out: Evidence): void {
    const { random, mint, field } = this.ctx;
    let u = random.next();
    const kind = ORDINARY_CHANNEL_KINDS.find((k) => (u -= k.weight) < 0) ?? ORDINARY_CHANNEL_KINDS[0]!;
    const claim = random.pick(ORDINARY_CLAIMS);
    // Drawn one by one in the order the record's fields always were, so the stream is unchanged.
    const id = mint.complaintId();
    const channelId = random.pick(kind.ids);
    const filed = random.between(borrower.registered, DAYS_IN_YEAR - 1);
    const text = this.fieldTexts
      ? ownWordsComplaint(claim, detailsOf(borrower, borrower.phone, filed), field)
      : ordinaryComplaintText(claim, random);
    out.complaints.push({ id, borrowerId: borrower.id, channelId, filedAt: dayToIso(filed), phone: borrower.phone, deviceId: borrower.device, claim, text });
  }

  private incidentComplaint(borrower: BorrowerIdentity, out: Evidence): void {
    const { random, mint, plan, field } = this.ctx;
    const id = mint.complaintId();
    const filed = random.between(plan.burst.from, plan.burst.to);
    const text = this.fieldTexts
      ? burstOwnWords('collectionIncident', detailsOf(borrower, borrower.phone, filed), field)
      : incidentComplaintText(random);
    out.complaints.push({
      id,
      borrowerId: borrower.id,
      channelId: plan.burst.channelId,
      filedAt: dayToIso(filed),
      phone: borrower.phone,
      deviceId: borrower.device,
      claim: 'violent_collection',
      text,
    });
    this.burstMembers.push(borrower.id);
  }

  private shareIdentifiers(borrower: BorrowerIdentity, out: Evidence): void {
    const { random, plan, params } = this.ctx;
    this.joinHousehold(borrower, out);
    if (random.chance(params.hubs.hubDeviceRate)) {
      const hub = random.int(0, plan.hubDevices.length - 1);
      out.deviceLinks.push({ borrowerId: borrower.id, deviceId: plan.hubDevices[hub]!, seenAt: this.laterThan(borrower.registered) });
      this.hubMembers[hub]!.push(borrower.id);
    }
    if (random.chance(params.hubs.switchboardRate)) {
      const board = random.int(0, plan.switchboards.length - 1);
      out.phoneLinks.push({ borrowerId: borrower.id, phone: plan.switchboards[board]!, role: 'contact' });
      this.switchboardMembers[board]!.push(borrower.id);
    }
  }

  /** Households are consecutive borrowers: family members tend to register together. */
  private joinHousehold(borrower: BorrowerIdentity, out: Evidence): void {
    const { random, mint, params } = this.ctx;
    const h = params.households;
    if (this.household === null && random.chance(h.rate)) {
      const sharesDevice = random.chance(h.sharedDeviceRate);
      const truth: HouseholdTruth = {
        id: `household-${String(this.households.length + 1).padStart(6, '0')}`,
        members: [],
        ...(sharesDevice ? { sharedDevice: mint.device() } : { sharedPhone: mint.phone() }),
      };
      this.households.push(truth);
      this.household = { truth, remaining: random.int(h.minSize, Math.max(h.minSize, h.maxSize)) };
    }
    if (this.household === null) return;
    const { truth } = this.household;
    truth.members.push(borrower.id);
    if (truth.sharedDevice) out.deviceLinks.push({ borrowerId: borrower.id, deviceId: truth.sharedDevice, seenAt: this.laterThan(borrower.registered) });
    if (truth.sharedPhone) out.phoneLinks.push({ borrowerId: borrower.id, phone: truth.sharedPhone, role: 'contact' } satisfies PhoneLink);
    if (--this.household.remaining === 0) this.household = null;
  }

  /** The full truth; call after the last borrower. A household cut short by the end of the population is kept as it is. */
  truth(): Truth {
    const { plan, params } = this.ctx;
    const ids = (indices: number[]) => [...indices].sort((a, b) => a - b).map(borrowerId);
    const households = this.households.filter((h) => h.members.length >= 2);
    const hubDevices = plan.hubDevices.map((deviceId, i) => ({ deviceId, members: this.hubMembers[i]! }));
    const switchboards = plan.switchboards.map((phone, i) => ({ phone, members: this.switchboardMembers[i]! }));
    const complaintBurst = {
      channelId: plan.burst.channelId,
      incidentAt: dayToIso(plan.burst.from),
      until: dayToIso(plan.burst.to),
      members: this.burstMembers,
    };
    return {
      seed: params.seed,
      borrowers: params.borrowers,
      gangs: plan.gangs.map((gang) => ({
        id: gang.id,
        members: ids(gang.members),
        nonParticipants: ids(gang.nonParticipants),
        agentPhones: gang.phones,
        devices: gang.devices,
        voiceprints: gang.voiceprints,
        adSources: gang.adSources,
        campaign: { from: dayToIso(gang.campaign.from), to: dayToIso(gang.campaign.to) },
        traits: { ...gang.traits },
        style: gang.style,
        operators: gang.operators.map((o) => ({ phones: [...o.phones], devices: [...o.devices], voiceprints: [...o.voiceprints] })),
        template: { id: gang.templateRef.id, source: gang.templateRef.source },
        currentMembers: ids([...gang.current]),
      })),
      households,
      hubDevices,
      switchboards,
      marketingAdSources: plan.marketingAdSources,
      complaintBurst,
      innocentGroups: innocentGroupsTruth({
        households,
        hubDevices,
        switchboards,
        complaintBurst,
        flyers: plan.localAdSources.map((adSource, i) => ({ adSource, members: this.flyerMembers[i]! })),
        field: plan.field,
      }),
    };
  }
}
