import type { PlanInputs } from '../../src/detection/componentPlan';
import { sourcesCrossingBound, withChanges } from '../../src/detection/planInputChanges';
import { RECORD_KINDS, type IngestBatch } from '../../src/contract/ingestBatch';
import { ingestBatch } from '../../src/ingest/ingestBatch';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { Neo4jIngestStore } from '../../src/neo4j/ingestStore';
import { readPlanInputChanges, readPlanInputs } from '../../src/neo4j/planReader';
import { generateScenario } from '../../src/scenario/generateScenario';
import { profileParams } from '../../src/scenario/profiles';
import { arrivals } from './support/arrivals';
import { clearGraph, openTestDatabase } from './support/testDatabase';

/**
 * A plan's inputs brought up to date from the last run's, reading only the identifiers and
 * campaign records of the borrowers written since, are exactly what reading everything
 * again gives: every shared tie, every ad source's size, the complaint facts and every
 * campaign record in the same order. The small-source bound is set low (20 recruits), so
 * sources grow past it between arrivals and their recruits' campaign records go.
 */

const MAX_SMALL = 20;
const SLICES = 5;
const { evidence } = generateScenario(profileParams('field', 3_000, 11));

/** Shared ties in one order (the plan does not depend on theirs); everything else as read. */
const canonical = (inputs: PlanInputs) => ({ ...inputs, sharedIncidences: inputs.sharedIncidences.map((i) => `${i.kind}|${i.value}|${i.borrowerId}|${i.usage}`).sort() });

/** The borrowers a batch's records are about, as its stamps name them. */
const borrowersOf = (batch: IngestBatch) => [...new Set(RECORD_KINDS.flatMap((kind) => (batch[kind] ?? []).map((r) => ('borrowerId' in r ? r.borrowerId : kind === 'borrowers' ? r.id : null))))].filter((id): id is string => id !== null);

let db: GraphDatabase;
const compared: { touched: number; crossing: number; changes: ReturnType<typeof canonical>; whole: ReturnType<typeof canonical> }[] = [];

beforeAll(async () => {
  db = await openTestDatabase();
  await clearGraph(db);
  const ingest = new Neo4jIngestStore(db);
  let last: PlanInputs | null = null;
  for (const slice of [...arrivals(evidence, SLICES), null]) {
    if (slice === null && last) {
      // Last, a flyer whose recruits complained recruits enough strangers to pass the bound:
      // only the strangers are written, and its earlier recruits' campaign records must go.
      const flyer = last.campaignEvidence.recruitments[0]!.adSourceId;
      const strangers = Array.from({ length: MAX_SMALL + 1 }, (_, i) => `stranger-${i}`);
      const growth: IngestBatch = { borrowers: strangers.map((id) => ({ id })), recruitments: strangers.map((borrowerId) => ({ borrowerId, adSourceId: flyer })) };
      await ingestBatch(ingest, growth);
      await compare(growth, last).then((next) => (last = next));
      continue;
    }
    await ingestBatch(ingest, slice!);
    if (!last) {
      last = await readPlanInputs(db, MAX_SMALL, undefined, null);
      continue;
    }
    last = await compare(slice!, last);
  }
}, 300_000);

/** The inputs brought up to date after `batch`, compared with a whole read. */
async function compare(batch: IngestBatch, last: PlanInputs): Promise<PlanInputs> {
  const touched = borrowersOf(batch);
  const changes = withChanges(last, await readPlanInputChanges(db, MAX_SMALL, touched, last.adSourceRecruits));
  const whole = await readPlanInputs(db, MAX_SMALL, undefined, null);
  compared.push({ touched: touched.length, crossing: sourcesCrossingBound(last.adSourceRecruits, whole.adSourceRecruits, MAX_SMALL).length, changes: canonical(changes), whole: canonical(whole) });
  return changes;
}
afterAll(() => db.close());

describe('When records arrive in slices and the plan inputs are brought up to date after each', () => {
  test('then each time they are exactly the inputs read whole', () => {
    expect(compared).toHaveLength(SLICES);
    for (const [i, c] of compared.entries()) expect({ arrival: i + 1, inputs: c.changes }).toEqual({ arrival: i + 1, inputs: c.whole });
  });

  test('then the arrivals touched some borrowers, grew sources past the bound, and changed what the campaigns are looked for in', () => {
    expect(compared.every((c) => c.touched > 0)).toBe(true);
    expect(compared.some((c) => c.crossing > 0)).toBe(true);
    expect(compared.every((c) => c.whole.sharedIncidences.length > 0)).toBe(true);
    expect(compared.at(-2)!.whole.campaignEvidence.complaints.length).toBeGreaterThan(compared[0]!.whole.campaignEvidence.complaints.length);
    // The flyer's growth: strangers who never complained, and recruits' records that went.
    const [before, after] = compared.slice(-2);
    expect(after!.crossing).toBe(1);
    expect(after!.whole.campaignEvidence.recruitments.length).toBeLessThan(before!.whole.campaignEvidence.recruitments.length);
  });
});
