import type { Evidence } from '../contract/evidence';
import type { BorrowerIdentity, ScenarioContext } from './context';
import { dayToIso } from './identifiers';
import { channelIdsOfKind } from './channels';
import type { PlannedGang } from './plan';
import { gangFieldText } from './gangStyles';
import { detailsOf } from './innocentActivity';
import { gangComplaintText } from './texts';

/**
 * The traces an agent leaves when operating a recruited borrower's identity: logins
 * from the agent's devices, the agent's phone as contact, calls in the agent's voice,
 * and templated complaints to regulators, all within the campaign window.
 */

const REGULATORS = channelIdsOfKind('regulator');
const CONSUMER_PLATFORMS = channelIdsOfKind('consumer_platform');
/** Share of a gang's complaints that go to a consumer platform instead of a regulator. */
const CONSUMER_PLATFORM_SHARE = 0.2;
/** In a gang that sometimes uses the borrower's own phone, the share of contacts made that way. */
const OWN_PHONE_SHARE = 0.5;
/** In a gang with an accomplice, the share of calls in the accomplice's voice. */
const ACCOMPLICE_SHARE = 0.4;

export function gangRecruitment(ctx: ScenarioContext, borrower: BorrowerIdentity, gang: PlannedGang, out: Evidence, random = ctx.random): void {
  const at = dayToIso(gang.campaign.from - random.between(3, 30));
  out.recruitments.push({ borrowerId: borrower.id, adSourceId: random.pick(gang.adSources), at });
}

/** The text of a gang complaint: the plain template from the main stream, or a field paste from the field stream. */
export function gangText(ctx: ScenarioContext, gang: PlannedGang, claim: string, borrower: BorrowerIdentity, phone: string, filedDay: number): string {
  if (ctx.params.texts.style === 'field') return gangFieldText(gang, claim, detailsOf(borrower, phone, filedDay), ctx.field);
  return gangComplaintText(gang.template, claim, ctx.random);
}

/** Which traces this member shows; at least one, or the borrower would not be operated at all. */
function tracesOf(ctx: ScenarioContext) {
  const g = ctx.params.gangs;
  const traces = {
    device: ctx.random.chance(g.deviceLinkRate),
    contact: ctx.random.chance(g.contactPhoneRate),
    calls: ctx.random.chance(g.callRate),
    complaints: ctx.random.chance(g.complaintRate),
  };
  if (!traces.device && !traces.contact && !traces.calls && !traces.complaints) traces.device = true;
  return traces;
}

export function gangActivity(ctx: ScenarioContext, borrower: BorrowerIdentity, gang: PlannedGang, memberNo: number, out: Evidence): void {
  const { random, mint } = ctx;
  const agentPhone = gang.traits.freshPhonePerBorrower ? gang.phones[memberNo]! : random.pick(gang.phones);
  const contactPhone = () => (gang.traits.usesBorrowerPhone && random.chance(OWN_PHONE_SHARE) ? borrower.phone : agentPhone);
  const during = () => dayToIso(random.between(gang.campaign.from, gang.campaign.to));
  const traces = tracesOf(ctx);
  gangRecruitment(ctx, borrower, gang, out);
  if (traces.device) {
    out.deviceLinks.push({ borrowerId: borrower.id, deviceId: random.pick(gang.devices), seenAt: during() });
  }
  if (traces.contact) out.phoneLinks.push({ borrowerId: borrower.id, phone: agentPhone, role: 'contact' });
  for (let n = traces.calls ? random.int(1, 3) : 0; n > 0; n--) {
    const accomplice = gang.voiceprints.length > 1 && random.chance(ACCOMPLICE_SHARE);
    out.calls.push({
      id: mint.callId(),
      borrowerId: borrower.id,
      phone: contactPhone(),
      at: during(),
      voiceprintId: gang.voiceprints[accomplice ? 1 : 0]!,
      voiceMatch: false,
      identityVerified: random.chance(ctx.params.gangs.identityVerifiedRate),
    });
  }
  for (let n = traces.complaints ? random.int(1, 2) : 0; n > 0; n--) {
    // Drawn one by one in the order the record's fields always were, so the stream is unchanged.
    const claim = random.pick(gang.claims);
    const id = mint.complaintId();
    const channelId = random.pick(random.chance(CONSUMER_PLATFORM_SHARE) ? CONSUMER_PLATFORMS : REGULATORS);
    const filedDay = random.between(gang.campaign.from, gang.campaign.to);
    const phone = contactPhone();
    const deviceId = random.pick(gang.devices);
    const text = gangText(ctx, gang, claim, borrower, phone, filedDay);
    out.complaints.push({ id, borrowerId: borrower.id, channelId, filedAt: dayToIso(filedDay), phone, deviceId, claim, text });
  }
}
