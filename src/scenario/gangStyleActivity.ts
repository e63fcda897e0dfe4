import type { Evidence } from '../contract/evidence';
import { channelIdsOfKind } from './channels';
import type { BorrowerIdentity, ScenarioContext } from './context';
import { gangRecruitment, gangText } from './gangActivity';
import type { Operator } from './gangStyles';
import { dayToIso } from './identifiers';
import type { PlannedGang } from './plan';

/**
 * The traces of the gang styles beyond the agent's kit (gangActivity.ts has the kit):
 * coached members who do everything from their own phone, handset and voice; agents who
 * work from the member's own SIM and handset; and operations with several operators. All
 * draws are from the field stream.
 */

const REGULATORS = channelIdsOfKind('regulator');
const CONSUMER_PLATFORMS = channelIdsOfKind('consumer_platform');
const EXTERNAL = [...REGULATORS, ...REGULATORS, ...CONSUMER_PLATFORMS];

interface Contact {
  phone: string;
  device: string;
  voiceprint: string;
  /** The voice on the call is the borrower's own. */
  ownVoice: boolean;
}

function traces(ctx: ScenarioContext) {
  const g = ctx.params.gangs;
  const calls = ctx.field.chance(g.callRate);
  // A complaint is the point of the exercise: a member with no call files one at least.
  return { calls, complaints: ctx.field.chance(g.complaintRate) || !calls };
}

function addCall(ctx: ScenarioContext, borrower: BorrowerIdentity, contact: Contact, day: number, out: Evidence): void {
  out.calls.push({
    id: ctx.mint.callId(),
    borrowerId: borrower.id,
    phone: contact.phone,
    at: dayToIso(day),
    voiceprintId: contact.voiceprint,
    voiceMatch: contact.ownVoice,
    identityVerified: contact.ownVoice || ctx.field.chance(ctx.params.gangs.identityVerifiedRate),
  });
}

function addComplaint(ctx: ScenarioContext, gang: PlannedGang, borrower: BorrowerIdentity, contact: Contact, channelId: string, day: number, out: Evidence): void {
  const claim = ctx.field.pick(gang.claims);
  out.complaints.push({
    id: ctx.mint.complaintId(),
    borrowerId: borrower.id,
    channelId,
    filedAt: dayToIso(day),
    phone: contact.phone,
    deviceId: contact.device,
    claim,
    text: gangText(ctx, gang, claim, borrower, contact.phone, day),
  });
}

const during = (ctx: ScenarioContext, gang: PlannedGang) => ctx.field.between(gang.campaign.from, gang.campaign.to);

/**
 * Coached members file at several channels within a day or two, as the agent's checklist
 * says (12378, then the PBoC, then 黑猫), and call the platform reading the script.
 */
function wordsOnly(ctx: ScenarioContext, borrower: BorrowerIdentity, gang: PlannedGang, out: Evidence): void {
  const { field } = ctx;
  const own: Contact = { phone: borrower.phone, device: borrower.device, voiceprint: borrower.voiceprint, ownVoice: true };
  const t = traces(ctx);
  let day = during(ctx, gang);
  for (let n = t.complaints ? field.int(1, 3) : 0; n > 0; n--, day += field.between(0, 2)) {
    addComplaint(ctx, gang, borrower, own, field.pick(EXTERNAL), day, out);
  }
  for (let n = t.calls ? field.int(1, 2) : 0; n > 0; n--) addCall(ctx, borrower, own, during(ctx, gang), out);
}

/** The agent holds the member's SIM and handset: the member's phone and device, the agent's voice. */
function borrowerHandset(ctx: ScenarioContext, borrower: BorrowerIdentity, gang: PlannedGang, out: Evidence): void {
  const { field } = ctx;
  const t = traces(ctx);
  const voice = () => (gang.voiceprints.length > 1 && field.chance(0.4) ? gang.voiceprints[1]! : gang.voiceprints[0]!);
  const handset = (): Contact => ({ phone: borrower.phone, device: borrower.device, voiceprint: voice(), ownVoice: false });
  for (let n = t.calls ? field.int(1, 3) : 0; n > 0; n--) addCall(ctx, borrower, handset(), during(ctx, gang), out);
  for (let n = t.complaints ? field.int(1, 2) : 0; n > 0; n--) addComplaint(ctx, gang, borrower, handset(), field.pick(EXTERNAL), during(ctx, gang), out);
}

/** Each member has an operator, but operators stand in for each other. */
function multiOperator(ctx: ScenarioContext, borrower: BorrowerIdentity, gang: PlannedGang, memberNo: number, out: Evidence): void {
  const { field, params } = ctx;
  const g = params.gangs;
  const own = gang.operators[memberNo % gang.operators.length]!;
  const operator = (): Operator => (field.chance(g.operatorSwapRate) ? field.pick(gang.operators) : own);
  const contact = (): Contact => {
    const o = operator();
    return { phone: o.phones[0]!, device: o.devices[0]!, voiceprint: o.voiceprints[0]!, ownVoice: false };
  };
  if (field.chance(g.deviceLinkRate)) out.deviceLinks.push({ borrowerId: borrower.id, deviceId: operator().devices[0]!, seenAt: dayToIso(during(ctx, gang)) });
  if (field.chance(g.contactPhoneRate)) out.phoneLinks.push({ borrowerId: borrower.id, phone: operator().phones[0]!, role: 'contact' });
  const t = traces(ctx);
  for (let n = t.calls ? field.int(1, 3) : 0; n > 0; n--) addCall(ctx, borrower, contact(), during(ctx, gang), out);
  for (let n = t.complaints ? field.int(1, 2) : 0; n > 0; n--) addComplaint(ctx, gang, borrower, contact(), field.pick(EXTERNAL), during(ctx, gang), out);
}

export function styledGangActivity(ctx: ScenarioContext, borrower: BorrowerIdentity, gang: PlannedGang, memberNo: number, out: Evidence): void {
  gangRecruitment(ctx, borrower, gang, out, ctx.field);
  switch (gang.style) {
    case 'wordsOnly':
      return wordsOnly(ctx, borrower, gang, out);
    case 'borrowerHandset':
      return borrowerHandset(ctx, borrower, gang, out);
    case 'multiOperator':
      return multiOperator(ctx, borrower, gang, memberNo, out);
    default:
      throw new Error(`scenario: gang ${gang.id} of style ${gang.style} is generated by gangActivity`);
  }
}
