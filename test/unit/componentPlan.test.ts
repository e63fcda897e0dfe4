import { detectRings, type DetectionResult } from '../../src/detection';
import { evidenceFor, planInputsOf } from '../../src/detection/componentPlan';
import { detectByComponents, type EvidenceSource } from '../../src/analysis/detectByComponents';
import type { PreviousRing } from '../../src/contract/ring';
import { parseDetectionOptions } from '../../src/detection/options';
import type { Evidence } from '../../src/contract/evidence';
import { generateScenario } from '../../src/scenario/generateScenario';
import { profileParams } from '../../src/scenario/profiles';

/**
 * Detection one batch of components at a time must find exactly the rings detection over
 * all the data finds: that is what lets an analysis hold one batch in memory, not the graph.
 */

/** The evidence in memory as a source answers: what a store computes where the data is. */
function memorySource(evidence: Evidence, read: string[][] = []): EvidenceSource {
  return {
    readPlanInputs: async () => planInputsOf(evidence),
    readEvidenceOf: async (ids) => {
      read.push([...ids]);
      return evidenceFor(evidence, new Set(ids));
    },
  };
}

async function detectInBatches(evidence: Evidence, batchSize: number, previous: PreviousRing[] = []): Promise<{ result: DetectionResult; batches: string[][] }> {
  const batches: string[][] = [];
  const { result } = await detectByComponents(memorySource(evidence, batches), parseDetectionOptions({}), previous, batchSize);
  return { result, batches };
}

/** Everything a ring says, ids included, in a form two runs can be compared by. */
const comparable = (r: DetectionResult) => JSON.stringify({ rings: r.rings, hubs: r.hubs, retired: r.retiredRingIds });

describe.each([
  ['field', 6_000, 3],
  ['hard', 4_000, 2],
  ['default', 4_000, 5],
] as const)('When the %s profile is detected batch by batch', (profile, borrowers, seed) => {
  const { evidence } = generateScenario(profileParams(profile, borrowers, seed));
  const whole = detectRings(evidence);
  let small: Awaited<ReturnType<typeof detectInBatches>>;
  beforeAll(async () => {
    small = await detectInBatches(evidence, 60);
  });

  it('splits the work into many batches, each far smaller than the data', () => {
    expect(small.batches.length).toBeGreaterThan(8);
    const largest = Math.max(...small.batches.map((b) => b.length));
    expect(largest).toBeLessThan(evidence.borrowers.length / 4);
  });

  it('finds the same rings, with the same ids, scores, members and hubs, as detection over all the data', () => {
    expect(whole.rings.filter((r) => r.suspected).length).toBeGreaterThan(0);
    expect(comparable(small.result)).toBe(comparable(whole));
  });

  it('finds the same rings whatever the batch size', async () => {
    expect(comparable((await detectInBatches(evidence, 5_000)).result)).toBe(comparable(whole));
  });

  it('keeps the ids of an earlier run the same way', async () => {
    const previous = whole.rings.slice(0, 20).map((r, i) => ({ id: `earlier-${i}`, members: r.members.map((m) => m.borrowerId).slice(1) }));
    expect(comparable((await detectInBatches(evidence, 300, previous)).result)).toBe(comparable(detectRings(evidence, {}, previous)));
  });

  it('counts every borrower of the data, also those no batch held', () => {
    expect(small.result.stats.borrowers).toBe(whole.stats.borrowers);
    expect(small.result.stats.recruitmentCampaigns).toBe(whole.stats.recruitmentCampaigns);
  });
});
