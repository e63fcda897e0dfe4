import { generateScenario } from '../../src/scenario/generateScenario';
import { profileParams } from '../../src/scenario/profiles';

describe('When the hard profile is generated beside the default one', () => {
  const plain = generateScenario(profileParams('default', 8000, 5));
  const hard = generateScenario(profileParams('hard', 8000, 5));

  test('then the population and the gangs are the same size', () => {
    expect(hard.evidence.borrowers.length).toBe(plain.evidence.borrowers.length);
    expect(hard.truth.gangs.length).toBe(plain.truth.gangs.length);
  });

  test('then there are more innocent look-alikes', () => {
    expect(hard.truth.households.length).toBeGreaterThan(plain.truth.households.length);
    expect(hard.truth.complaintBurst.members.length).toBeGreaterThan(plain.truth.complaintBurst.members.length);
  });

  test('then agents leave fewer traces: a smaller share of members is linked to a gang device', () => {
    const deviceShare = ({ evidence, truth }: typeof plain) => {
      const gangDevices = new Set(truth.gangs.flatMap((g) => g.devices));
      const members = new Set(truth.gangs.flatMap((g) => g.members));
      const traced = new Set(evidence.deviceLinks.filter((l) => gangDevices.has(l.deviceId) && members.has(l.borrowerId)).map((l) => l.borrowerId));
      return traced.size / members.size;
    };
    expect(deviceShare(hard)).toBeLessThan(deviceShare(plain) - 0.1);
  });
});

describe('When the default profile lists its innocent groups', () => {
  const { truth } = generateScenario(profileParams('default', 8000, 5));
  const kinds = (kind: string) => truth.innocentGroups.filter((g) => g.kind === kind);

  test('then households, hub devices, switchboards and the burst appear there with the members of their own lists', () => {
    expect(kinds('household').map((g) => g.members)).toEqual(truth.households.map((h) => h.members));
    expect(kinds('hubDevice').map((g) => g.shared.devices)).toEqual(truth.hubDevices.filter((h) => h.members.length >= 2).map((h) => [h.deviceId]));
    expect(kinds('switchboard').length).toBe(truth.switchboards.filter((s) => s.members.length >= 2).length);
    expect(kinds('complaintBurst').map((g) => g.members)).toEqual([truth.complaintBurst.members]);
    expect(kinds('flyerAudience').length).toBeGreaterThan(0);
  });

  test('then its gangs have only the kit styles and the plain templates', () => {
    expect(new Set(truth.gangs.map((g) => g.style))).toEqual(new Set(['operatorKit', 'freshPhone']));
    expect(truth.gangs.every((g) => g.template.source === 'plain' && g.currentMembers.length === 0)).toBe(true);
  });
});
