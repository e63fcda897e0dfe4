import type { PhoneLink } from '../contract/ingestBatch';
import type { Evidence } from '../contract/evidence';
import type { BorrowerIdentity, ScenarioContext } from './context';
import { gangActivity, gangRecruitment } from './gangActivity';
import { borrowerId, dayToIso, DAYS_IN_YEAR } from './identifiers';
import { channelIdsOfKind, type BorrowerRole } from './plan';
import type { HouseholdTruth, Truth } from './truth';
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

  constructor(private readonly ctx: ScenarioContext) {
    this.hubMembers = ctx.plan.hubDevices.map(() => []);
    this.switchboardMembers = ctx.plan.switchboards.map(() => []);
  }

  addBorrower(index: number, out: Evidence): void {
    const role = this.ctx.plan.roles.get(index);
    const borrower = this.ordinaryBorrower(index, role, out);
    this.shareIdentifiers(borrower, out);
    if (role?.kind === 'member') gangActivity(this.ctx, borrower, role.gang, role.memberNo, out);
    if (role?.kind === 'nonParticipant') gangRecruitment(this.ctx, borrower, role.gang, out);
    if (role?.kind === 'burst') this.incidentComplaint(borrower, out);
  }

  private ordinaryBorrower(index: number, role: BorrowerRole | undefined, out: Evidence): BorrowerIdentity {
    const { random, mint, params } = this.ctx;
    const p = params.population;
    // Agents recruit overdue borrowers, and the incident hit borrowers in collection.
    const overdue = role?.kind === 'member' || role?.kind === 'burst' || random.chance(p.overdueRate);
    const registered = random.between(0, LAST_REGISTRATION_DAY);
    const borrower: BorrowerIdentity = {
      id: borrowerId(index),
      phone: mint.phone(),
      device: mint.device(),
      voiceprint: mint.voiceprint(),
      registered,
    };
    out.borrowers.push({
      id: borrower.id,
      name: personName(random),
      idNumberHash: mint.idNumberHash(index),
      registeredAt: dayToIso(registered),
      overdueDays: overdue ? random.int(role?.kind === 'member' ? 15 : 1, 180) : 0,
      outstandingPrincipal: random.int(500, 50_000),
    });
    out.phoneLinks.push({ borrowerId: borrower.id, phone: borrower.phone, role: 'registered' });
    if (random.chance(p.contactPhoneRate)) out.phoneLinks.push({ borrowerId: borrower.id, phone: mint.phone(), role: 'contact' });
    out.deviceLinks.push({ borrowerId: borrower.id, deviceId: borrower.device, seenAt: dayToIso(registered) });
    if (random.chance(p.secondDeviceRate)) out.deviceLinks.push({ borrowerId: borrower.id, deviceId: mint.device(), seenAt: this.laterThan(registered) });
    out.recruitments.push({ borrowerId: borrower.id, adSourceId: this.acquisitionSource(), at: dayToIso(registered) });
    this.ordinaryCalls(borrower, overdue, out);
    if (random.chance(p.complaintRate)) this.ordinaryComplaint(borrower, out);
    return borrower;
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
    const { random, mint } = this.ctx;
    let u = random.next();
    const kind = ORDINARY_CHANNEL_KINDS.find((k) => (u -= k.weight) < 0) ?? ORDINARY_CHANNEL_KINDS[0]!;
    const claim = random.pick(ORDINARY_CLAIMS);
    out.complaints.push({
      id: mint.complaintId(),
      borrowerId: borrower.id,
      channelId: random.pick(kind.ids),
      filedAt: this.laterThan(borrower.registered),
      phone: borrower.phone,
      deviceId: borrower.device,
      claim,
      text: ordinaryComplaintText(claim, random),
    });
  }

  private incidentComplaint(borrower: BorrowerIdentity, out: Evidence): void {
    const { random, mint, plan } = this.ctx;
    out.complaints.push({
      id: mint.complaintId(),
      borrowerId: borrower.id,
      channelId: plan.burst.channelId,
      filedAt: dayToIso(random.between(plan.burst.from, plan.burst.to)),
      phone: borrower.phone,
      deviceId: borrower.device,
      claim: 'violent_collection',
      text: incidentComplaintText(random),
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
      })),
      households: this.households.filter((h) => h.members.length >= 2),
      hubDevices: plan.hubDevices.map((deviceId, i) => ({ deviceId, members: this.hubMembers[i]! })),
      switchboards: plan.switchboards.map((phone, i) => ({ phone, members: this.switchboardMembers[i]! })),
      marketingAdSources: plan.marketingAdSources,
      complaintBurst: {
        channelId: plan.burst.channelId,
        incidentAt: dayToIso(plan.burst.from),
        until: dayToIso(plan.burst.to),
        members: this.burstMembers,
      },
    };
  }
}
