import { detectRings, type DetectionResult } from '../../src/detection';
import { batchesOf, evidenceFor, planComponents, planInputsOf, type ComponentPlan } from '../../src/detection/componentPlan';
import { assembleResult, detectBatch } from '../../src/detection/detectRings';
import { parseDetectionOptions } from '../../src/detection/options';
import type { Evidence } from '../../src/contract/evidence';
import { generateScenario } from '../../src/scenario/generateScenario';
import { profileParams } from '../../src/scenario/profiles';

/**
 * Detection one batch of components at a time must find exactly the rings detection over
 * all the data finds: that is what lets an analysis hold one batch in memory, not the graph.
 */

function detectInBatches(evidence: Evidence, batchSize: number, previous = [] as Parameters<typeof detectRings>[2]): { result: DetectionResult; plan: ComponentPlan; batches: string[][] } {
  const options = parseDetectionOptions({});
  const plan = planComponents(planInputsOf(evidence));
  const batches = batchesOf(plan.components, batchSize);
  const results = batches.map((ids) => detectBatch(evidenceFor(evidence, new Set(ids)), plan.context));
  return { result: assembleResult(results, plan.context, options, previous ?? [], undefined, plan.borrowers), plan, batches };
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
  const small = detectInBatches(evidence, 60);

  it('splits the work into many batches, each far smaller than the data', () => {
    expect(small.batches.length).toBeGreaterThan(8);
    const largest = Math.max(...small.batches.map((b) => b.length));
    expect(largest).toBeLessThan(evidence.borrowers.length / 4);
  });

  it('finds the same rings, with the same ids, scores, members and hubs, as detection over all the data', () => {
    expect(whole.rings.filter((r) => r.suspected).length).toBeGreaterThan(0);
    expect(comparable(small.result)).toBe(comparable(whole));
  });

  it('finds the same rings whatever the batch size', () => {
    expect(comparable(detectInBatches(evidence, 5_000).result)).toBe(comparable(whole));
  });

  it('keeps the ids of an earlier run the same way', () => {
    const previous = whole.rings.slice(0, 20).map((r, i) => ({ id: `earlier-${i}`, members: r.members.map((m) => m.borrowerId).slice(1) }));
    expect(comparable(detectInBatches(evidence, 300, previous).result)).toBe(comparable(detectRings(evidence, {}, previous)));
  });

  it('counts every borrower of the data, also those no batch held', () => {
    expect(small.result.stats.borrowers).toBe(whole.stats.borrowers);
    expect(small.result.stats.recruitmentCampaigns).toBe(whole.stats.recruitmentCampaigns);
  });
});
