import { detectRings, reportedRings, DEFAULT_SUSPECT_THRESHOLD, type DetectionResult } from '../../src/detection';
import { evidenceFor, planComponents, planInputsOf } from '../../src/detection/componentPlan';
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
  const { result } = await detectByComponents(memorySource(evidence, batches), parseDetectionOptions({}), previous, { batchBorrowers: batchSize });
  return { result, batches };
}

/**
 * Everything a reported ring says, ids included, and the run's counts, in a form two runs
 * can be compared by. Batch by batch, candidates under the bar are named and counted but
 * not kept whole, so the rings compared are the reported ones.
 */
const comparable = (r: DetectionResult) => {
  const { borrowers, components, graphNodes, graphEdges, communities, campaigns, suspected } = r.stats;
  const counts = { borrowers, components, graphNodes, graphEdges, communities, campaigns, suspected };
  return JSON.stringify({ rings: reportedRings(r.rings, DEFAULT_SUSPECT_THRESHOLD), hubs: r.hubs, retired: r.retiredRingIds, counts });
};

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

  it('gives an earlier id to the ring it would go to if every candidate were kept whole, unreported candidates included', async () => {
    const kept = new Set(reportedRings(whole.rings, DEFAULT_SUSPECT_THRESHOLD));
    const unreported = whole.rings.filter((r) => !kept.has(r));
    expect(unreported.length).toBeGreaterThan(kept.size);
    // Earlier rings made of a reported ring's members and an unreported one's: which current ring keeps the id depends on both.
    const previous = [...kept].slice(0, 15).map((r, i) => {
      const other = unreported[i]!.members.map((m) => m.borrowerId);
      return { id: `earlier-${i}`, members: [...r.members.map((m) => m.borrowerId).slice(0, 2), ...other] };
    });
    const batched = (await detectInBatches(evidence, 300, previous)).result;
    const wholeAgain = detectRings(evidence, {}, previous);
    const reportedIds = new Set(reportedRings(wholeAgain.rings, DEFAULT_SUSPECT_THRESHOLD).map((r) => r.id));
    expect(wholeAgain.rings.filter((r) => !reportedIds.has(r.id) && r.lineage.keptId).length).toBeGreaterThan(0);
    expect(comparable(batched)).toBe(comparable(wholeAgain));
  });

  it('counts every borrower of the data, also those no batch held', () => {
    expect(small.result.stats.borrowers).toBe(whole.stats.borrowers);
    expect(small.result.stats.recruitmentCampaigns).toBe(whole.stats.recruitmentCampaigns);
  });
});

describe('A plan', () => {
  const { evidence } = generateScenario(profileParams('default', 4_000, 5));
  const inputs = planInputsOf(evidence);
  const sorted = (ids: readonly string[]) => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  it('lists each component ascending, and the components by their first borrower', () => {
    const { components } = planComponents(inputs);
    expect(components.length).toBeGreaterThan(10);
    for (const component of components) expect(component).toEqual(sorted(component));
    expect(components.map((c) => c[0]!)).toEqual(sorted(components.map((c) => c[0]!)));
  });

  it('is the same whatever order the ties arrive in', () => {
    const reversed = { ...inputs, sharedIncidences: [...inputs.sharedIncidences].reverse() };
    const plan = planComponents(inputs);
    const fromReversed = planComponents(reversed);
    expect(fromReversed.components).toEqual(plan.components);
    expect(fromReversed.context.hubs).toEqual(plan.context.hubs);
    expect([...fromReversed.context.cut].sort()).toEqual([...plan.context.cut].sort());
  });
});
