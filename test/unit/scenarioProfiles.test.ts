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
