import { borrowerId, dayToIso } from './identifiers';
import type { FieldGroup, FieldPlan } from './innocentPlan';
import type { HouseholdTruth, InnocentGroup, Truth } from './truth';

/**
 * The truth's one list of innocent groups: the structures every profile has (households,
 * hub devices, switchboards, the complaint burst, flyer audiences) and the field groups.
 * Groups of fewer than two members share nothing and are left out.
 */

interface InnocentSources {
  households: HouseholdTruth[];
  hubDevices: Truth['hubDevices'];
  switchboards: Truth['switchboards'];
  complaintBurst: Truth['complaintBurst'];
  flyers: { adSource: string; members: string[] }[];
  field: FieldPlan;
}

const numbered = (kind: string, n: number) => `${kind}-${String(n + 1).padStart(5, '0')}`;
const ids = (indices: number[]) => [...indices].sort((a, b) => a - b).map(borrowerId);
const window = (from: number, to: number) => ({ from: dayToIso(from), to: dayToIso(to) });

function fieldGroup(group: FieldGroup): InnocentGroup {
  const base = { id: group.id, kind: group.kind, members: ids(group.members) };
  switch (group.kind) {
    case 'proxyFamily':
      return {
        ...base,
        shared: { phones: [group.phone], voiceprints: [group.voiceprint], ...(group.device ? { devices: [group.device] } : {}) },
        ...(group.handler !== null ? { handler: borrowerId(group.handler) } : {}),
      };
    case 'caregiver':
      return { ...base, shared: { phones: [group.phone], voiceprints: [group.voiceprint], ...(group.device ? { devices: [group.device] } : {}) } };
    case 'broker':
      return {
        ...base,
        shared: { phones: [group.phone], devices: [group.device], voiceprints: [group.voiceprint], adSources: [group.adSource] },
        window: window(group.from, group.to),
      };
    case 'recycledNumber':
      // Former holder first, as planned; members stay in that order so the truth says who held it first.
      return { ...base, members: group.members.map(borrowerId), shared: { phones: [group.phone], voiceprints: [group.newHolderVoice] } };
    case 'publicTemplate':
      return { ...base, shared: { templateId: group.template.id }, window: window(group.from, group.to) };
    case 'complaintBurst':
      return { ...base, shared: { channelId: group.channelId }, window: window(group.from, group.to), cause: group.cause };
  }
}

export function innocentGroupsTruth(sources: InnocentSources): InnocentGroup[] {
  const groups: InnocentGroup[] = [];
  const keep = (group: InnocentGroup) => group.members.length >= 2 && groups.push(group);
  for (const h of sources.households) {
    keep({ id: h.id, kind: 'household', members: h.members, shared: { ...(h.sharedPhone ? { phones: [h.sharedPhone] } : {}), ...(h.sharedDevice ? { devices: [h.sharedDevice] } : {}) } });
  }
  sources.hubDevices.forEach((hub, n) => keep({ id: numbered('hubDevice', n), kind: 'hubDevice', members: hub.members, shared: { devices: [hub.deviceId] } }));
  sources.switchboards.forEach((board, n) => keep({ id: numbered('switchboard', n), kind: 'switchboard', members: board.members, shared: { phones: [board.phone] } }));
  const burst = sources.complaintBurst;
  keep({
    id: 'complaintBurst-main',
    kind: 'complaintBurst',
    members: burst.members,
    shared: { channelId: burst.channelId },
    window: { from: burst.incidentAt, to: burst.until },
    cause: 'collectionIncident',
  });
  sources.flyers.forEach((flyer, n) => keep({ id: numbered('flyerAudience', n), kind: 'flyerAudience', members: flyer.members, shared: { adSources: [flyer.adSource] } }));
  for (const group of sources.field.groups) keep(fieldGroup(group));
  return groups;
}
