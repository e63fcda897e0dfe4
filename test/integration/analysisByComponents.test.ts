import { detectByComponents } from '../../src/analysis/detectByComponents';
import { AnalysisThread } from '../../src/analysis/analysisWorker';
import { newRunId, runAnalysis } from '../../src/analysis/runAnalysis';
import { ringsInGraph } from './support/apiScenario';
import { detectRings, parseDetectionOptions, reportedRings, type DetectionResult } from '../../src/detection';
import { planComponents, planInputsOf, type ComponentPlan } from '../../src/detection/componentPlan';
import { ingestBatch } from '../../src/ingest/ingestBatch';
import { Neo4jAnalysisStore } from '../../src/neo4j/analysisStore';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { Neo4jIngestStore } from '../../src/neo4j/ingestStore';
import { generateScenario } from '../../src/scenario/generateScenario';
import { profileParams } from '../../src/scenario/profiles';
import type { Evidence } from '../../src/contract/evidence';
import { openTestDatabase } from './support/testDatabase';

/**
 * An analysis never reads the whole graph: the server counts identifier degrees and ad
 * source sizes and hands back only shared ties, and the evidence comes a batch of
 * components at a time. Given the same stored data, that must find exactly the rings
 * that detection over all of it, read at once, finds.
 */

let db: GraphDatabase;
let store: Neo4jAnalysisStore;
let stored: Evidence;
const options = parseDetectionOptions({});

beforeAll(async () => {
  db = await openTestDatabase();
  await ingestBatch(new Neo4jIngestStore(db), generateScenario(profileParams('field', 4_000, 2)).evidence);
  store = new Neo4jAnalysisStore(db);
  const { records } = await db.driver.executeQuery('MATCH (b:Borrower) RETURN b.id AS id', {}, { database: db.settings.database });
  stored = await store.readEvidenceOf(records.map((r) => r.get('id') as string));
}, 180_000);
afterAll(() => db.close());

/** A plan as plain data: components, and the context every batch is given. */
const planShape = (plan: ComponentPlan) => ({
  borrowers: plan.borrowers,
  components: plan.components,
  degrees: [...plan.context.degrees].sort(),
  cut: [...plan.context.cut].sort(),
  hubs: plan.context.hubs,
  campaigns: plan.context.campaigns.map((c) => ({ ...c, affinity: [...c.affinity] })),
});
/** The reported rings, whole: batch by batch, the other candidates are named and counted but not kept. */
const ringsOf = (r: DetectionResult) => JSON.stringify({ rings: reportedRings(r.rings, options.suspectThreshold), hubs: r.hubs, communities: r.stats.communities });

describe('When an analysis plans components where the data is stored', () => {
  it('then the server computes the same plan as the stored evidence gives when read whole', async () => {
    const fromServer = planComponents(await store.readPlanInputs(options.adSourceHubDegree), options);
    const fromEvidence = planComponents(planInputsOf(stored, options), options);
    expect(stored.borrowers.length).toBe(4_000);
    // A batch's read leaves the ad sources' own records out: the plan and the rings below come without them.
    expect(stored.adSources).toEqual([]);
    expect(stored.recruitments.length).toBeGreaterThan(0);
    expect(fromServer.components.length).toBeGreaterThan(50);
    expect(fromServer.context.campaigns.length).toBeGreaterThan(0);
    expect(fromServer.context.hubs.length).toBeGreaterThan(0);
    expect(planShape(fromServer)).toEqual(planShape(fromEvidence));
  }, 60_000);

  it('then batch by batch it finds the same rings, ids, scores and members as detection over all the stored evidence', async () => {
    const whole = detectRings(stored, options);
    const batched = await detectByComponents(store, options, [], { batchBorrowers: 150 });
    expect(batched.batches).toBeGreaterThan(3);
    expect(whole.rings.filter((r) => r.suspected).length).toBeGreaterThan(0);
    expect(ringsOf(batched.result)).toBe(ringsOf(whole));
  }, 60_000);

  it('then worker threads reading and detecting batches side by side find the same rings, ids, scores and members', async () => {
    const started: number[] = [];
    const readHere: number[] = [];
    const watched = Object.assign(Object.create(store) as Neo4jAnalysisStore, {
      startBatchDetectors: (...args: Parameters<Neo4jAnalysisStore['startBatchDetectors']>) => (started.push(args[2]), store.startBatchDetectors(...args)),
      readEvidenceOf: async (ids: readonly string[]) => (readHere.push(ids.length), store.readEvidenceOf(ids)),
    });
    const whole = detectRings(stored, options);
    const inWorkers = await detectByComponents(watched, options, [], { batchBorrowers: 150, workers: 2 });
    // Two workers did the batches; this process read none of them.
    expect({ started, readHere: readHere.length }).toEqual({ started: [2], readHere: 0 });
    expect(inWorkers.batches).toBeGreaterThan(3);
    expect(ringsOf(inWorkers.result)).toBe(ringsOf(whole));
    expect(inWorkers.timings.read + inWorkers.timings.detect).toBeGreaterThan(0);
  }, 120_000);

  it('then it reads the records of borrowers in components only, far fewer than the data holds', async () => {
    const read: number[] = [];
    const counting = Object.assign(Object.create(store) as Neo4jAnalysisStore, {
      readEvidenceOf: async (ids: readonly string[]) => {
        read.push(ids.length);
        return store.readEvidenceOf(ids);
      },
    });
    await detectByComponents(counting, options, [], { batchBorrowers: 10_000 });
    const total = read.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(stored.borrowers.length / 2);
  }, 60_000);

  it('then a run on the analysis thread the server uses, with two batch workers of its own, writes the same rings as a run in this process', async () => {
    const request = { options: { seed: 1 }, full: true, batchBorrowers: 150 };
    const here = await runAnalysis(store, request);
    const written = await ringsInGraph(db);
    expect(written.size).toBeGreaterThan(0);
    const thread = new AnalysisThread(false);
    const onThreads = await thread.run(db.settings, { ...request, workers: 2 }, newRunId(), { onProgress: () => {} }).finally(() => thread.close());
    expect(onThreads.suspected).toBe(here.suspected);
    expect(await ringsInGraph(db)).toEqual(written);
  }, 180_000);
});
