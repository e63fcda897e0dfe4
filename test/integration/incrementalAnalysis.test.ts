import { runAnalysis, type AnalysisSummary } from '../../src/analysis/runAnalysis';
import { PlanInputsCache } from '../../src/analysis/planInputsCache';
import { ingestBatch } from '../../src/ingest/ingestBatch';
import { MAX_HUBS_WRITTEN, Neo4jAnalysisStore } from '../../src/neo4j/analysisStore';
import { clearGraph } from '../../src/neo4j/clearGraph';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { Neo4jIngestStore } from '../../src/neo4j/ingestStore';
import { generateScenario } from '../../src/scenario/generateScenario';
import { profileParams } from '../../src/scenario/profiles';
import { arrivals } from './support/arrivals';
import { emptyEvidence, type Evidence } from '../../src/contract/evidence';
import { parseDetectionOptions } from '../../src/detection';
import { openTestDatabase } from './support/testDatabase';
import { cypher } from '../../src/neo4j/cypherFiles';
import { SHARED_LABELLING } from '../../src/neo4j/planReader';

/**
 * Data arrives over time; after each arrival an analysis examines only the components
 * the new records touched, or whose ties to the rest of the data changed, and leaves
 * every other ring standing. On the same data, that must be exactly what a full analysis
 * gives: each incremental run is followed by a full one and the rings compared, ids and
 * all; and after the last arrival, the rings are those of one full analysis of a graph
 * loaded at once.
 */

const SLICES = 6;
const { evidence } = generateScenario(profileParams('field', 3_000, 4));

let db: GraphDatabase;
let store: Neo4jAnalysisStore;
beforeAll(async () => {
  db = await openTestDatabase();
  store = new Neo4jAnalysisStore(db);
}, 60_000);
afterAll(() => db.close());

/** Every ring in the graph with everything it says: members and roles, signals and their facts, tools and their degrees. */
async function ringsInGraph(withIds: boolean): Promise<string[]> {
  const { records } = await db.driver.executeQuery(
    `MATCH (r:Ring)
     RETURN r.id AS id,
       [r.kind, r.score, r.suspected, r.size, r.operated, r.scoreLabel] AS ring,
       COLLECT { MATCH (b:Borrower)-[m:MEMBER_OF]->(r) WITH b, m ORDER BY b.id RETURN [b.id, m.role] } AS members,
       COLLECT { MATCH (r)-[s:SHOWS]->(sig:Signal) WITH sig, s ORDER BY sig.name RETURN [sig.name, s.value, s.count, s.of, s.adSourceRecruits, s.unobservedBecause] } AS signals,
       COLLECT { MATCH (r)-[t:USES_TOOL]->(tool) WITH tool, t ORDER BY t.rank RETURN [t.kind, coalesce(tool.number, tool.id), t.degree, t.members, t.usages] } AS tools`,
    {},
    { database: db.settings.database },
  );
  return records.map((r) => JSON.stringify([withIds ? r.get('id') : null, r.get('ring'), r.get('members'), r.get('signals'), r.get('tools')])).sort();
}

// As a server's runs: each brings the last run's plan inputs up to date instead of reading them whole.
const planCache = new PlanInputsCache();
const analyse = (full: boolean) => runAnalysis(store, { options: { seed: 1 }, full }, undefined, undefined, undefined, planCache);

/**
 * The identifiers labelled Shared (those the plan reads the ties of), and how many labels
 * a recount of every identifier would change, in a transaction rolled back: none, when the
 * runs relabelled the identifiers of every borrower written since the last run.
 */
async function sharedLabels(): Promise<{ labelled: number; recountWouldChange: number }> {
  const session = db.driver.session({ database: db.settings.database });
  const tx = session.beginTransaction();
  try {
    const labelled = Number((await tx.run('MATCH (n:Shared) RETURN count(n) AS n')).records[0]!.get('n'));
    let recountWouldChange = 0;
    for (const kind of ['Phones', 'Devices', 'Voices']) recountWouldChange += Number((await tx.run(cypher(`plan/markShared${kind}`), { borrowers: null })).records[0]!.get('changed'));
    return { labelled, recountWouldChange };
  } finally {
    await tx.rollback();
    await session.close();
  }
}

/** The store, with the borrowers each run relabelled the identifiers of (null: every identifier). */
function watchRelabelling(): { watched: Neo4jAnalysisStore; relabelled: (readonly string[] | null)[] } {
  const relabelled: (readonly string[] | null)[] = [];
  const watched = Object.create(store) as Neo4jAnalysisStore;
  watched.readPlanInputs = (max, onProgress, touched) => {
    relabelled.push(touched ?? null);
    return store.readPlanInputs(max, onProgress, touched);
  };
  return { watched, relabelled };
}

describe('When records arrive in slices and each arrival is analysed incrementally', () => {
  const runs: AnalysisSummary[] = [];

  it('then after every arrival the incremental run leaves exactly the rings a full run gives', async () => {
    for (const slice of arrivals(evidence, SLICES)) {
      await ingestBatch(new Neo4jIngestStore(db), slice);
      const incremental = await analyse(false);
      const afterIncremental = await ringsInGraph(true);
      runs.push(incremental);
      const labels = await sharedLabels();
      expect(labels.labelled).toBeGreaterThan(0);
      expect(labels.recountWouldChange).toBe(0);
      await analyse(true);
      expect(await ringsInGraph(true)).toEqual(afterIncremental);
    }
    expect(runs.at(-1)!.suspected + runs.at(-1)!.scope.keptRings).toBeGreaterThan(0);
  }, 600_000);

  it('then the later runs examine only part of the components and keep the other rings standing', () => {
    // Each incremental run after the first built on the full run before it, and read only what changed since.
    expect(runs.map((r) => r.scope.planInputs)).toEqual(['whole', ...Array<string>(SLICES - 1).fill('changes')]);
    expect(runs[0]!.scope.mode).toBe('full');
    const later = runs.slice(1);
    expect(later.every((r) => r.scope.mode === 'incremental')).toBe(true);
    expect(later.some((r) => r.scope.analysedComponents < r.scope.components)).toBe(true);
    expect(later.some((r) => r.scope.keptRings > 0)).toBe(true);
    expect(later.every((r) => (r.scope.touchedBorrowers ?? 0) > 0)).toBe(true);
  });

  it('then only the runs that rings were found in, and the latest, keep their links to the hubs they set aside', async () => {
    const { records } = await db.driver.executeQuery(
      `MATCH (run:AnalysisRun {status: 'succeeded'})
       WITH run ORDER BY run.finishedAt DESC
       RETURN run.id AS id, EXISTS { (:Ring)-[:FOUND_IN]->(run) } AS holdsRings, COUNT { (run)-[:TREATED_AS_HUB]->() } AS hubLinks, run.hubs AS hubs`,
      {},
      { database: db.settings.database },
    );
    const runsNow = records.map((r) => ({ id: r.get('id') as string, holdsRings: r.get('holdsRings') as boolean, hubLinks: Number(r.get('hubLinks')), hubs: Number(r.get('hubs')) }));
    // Twelve runs (each slice's incremental run and the full one after it); every one set hubs aside.
    expect(runsNow.length).toBe(2 * SLICES);
    expect(runsNow.every((run) => run.hubs > 0)).toBe(true);
    expect(runsNow[0]!.hubLinks).toBe(Math.min(runsNow[0]!.hubs, MAX_HUBS_WRITTEN));
    for (const run of runsNow.slice(1)) expect(run.hubLinks).toBe(run.holdsRings ? Math.min(run.hubs, MAX_HUBS_WRITTEN) : 0);
    expect(runsNow.slice(1).some((run) => !run.holdsRings)).toBe(true);
  });

  it('then with nothing new, a run examines no component and every ring stands', async () => {
    const before = await ringsInGraph(true);
    const idle = await analyse(false);
    expect(idle.scope).toMatchObject({ mode: 'incremental', analysedComponents: 0, touchedBorrowers: 0 });
    expect(idle.scope.keptRings).toBe(before.length);
    // The summary counts the suspected gangs standing, not just those the run wrote (none).
    const suspectedInGraph = (await db.driver.executeQuery('MATCH (r:Ring {suspected: true}) RETURN count(r) AS n', {}, { database: db.settings.database })).records[0]!.get('n');
    expect(idle.suspected).toBe(Number(suspectedInGraph));
    expect(idle.suspected).toBeGreaterThan(0);
    expect(await ringsInGraph(true)).toEqual(before);
  }, 120_000);

  it('then after a write that named no borrowers, the run is full, says why, and its record reads back', async () => {
    // A stamp as ingests wrote them before stamps named their borrowers.
    await db.driver.executeQuery("CREATE (:IngestStamp {at: datetime(), kind: 'borrowers', records: 1})", {}, { database: db.settings.database });
    const run = await analyse(false);
    expect(run.scope).toMatchObject({ mode: 'full', reason: 'some records were written without a note of whom they are about', touchedBorrowers: null });
    expect((await store.run(run.runId))?.scope).toEqual(run.scope);
  }, 120_000);

  it('then a run of other code relabels only the borrowers written since when the last run\'s labels follow the same rules, and every identifier when not', async () => {
    const { watched, relabelled } = watchRelabelling();
    const setOnLastRun = (assignment: string) =>
      db.driver.executeQuery(`MATCH (run:AnalysisRun {status: 'succeeded'}) WITH run ORDER BY run.finishedAt DESC LIMIT 1 SET ${assignment}`, {}, { database: db.settings.database });
    const borrower = evidence.borrowers[0]!;

    // As after a deployment: the last run was another version's, its labels kept by the same statements.
    await setOnLastRun("run.codeVersion = 'an earlier version'");
    await ingestBatch(new Neo4jIngestStore(db), { borrowers: [borrower] });
    const deployed = await runAnalysis(watched, { options: { seed: 1 } });
    expect(deployed.scope).toMatchObject({ mode: 'full', reason: expect.stringContaining('code changed') });
    expect(relabelled).toEqual([[borrower.id]]);
    expect((await sharedLabels()).recountWouldChange).toBe(0);

    // Labels kept under other rules are all looked at again.
    await setOnLastRun("run.sharedLabelling = 'other rules'");
    await ingestBatch(new Neo4jIngestStore(db), { borrowers: [borrower] });
    await runAnalysis(watched, { options: { seed: 1 } });
    expect(relabelled).toEqual([[borrower.id], null]);
  }, 120_000);

  it('then after a failed run of other labelling rules, which may have relabelled identifiers, every identifier is looked at again', async () => {
    const { watched, relabelled } = watchRelabelling();
    const borrower = evidence.borrowers[1]!;
    const failedRun = (id: string, rules: string) =>
      db.driver.executeQuery(
        `CREATE (:AnalysisRun {id: $id, status: 'failed', startedAt: $at, finishedAt: $at, codeVersion: 'another version', sharedLabelling: $rules})`,
        { id, at: new Date().toISOString(), rules },
        { database: db.settings.database },
      );

    // A failed run under the same rules leaves labels as this code keeps them: only the borrowers written since.
    await failedRun('run-failed-same-rules', SHARED_LABELLING);
    await ingestBatch(new Neo4jIngestStore(db), { borrowers: [borrower] });
    await runAnalysis(watched, { options: { seed: 1 } });
    expect(relabelled).toEqual([[borrower.id]]);

    // As a rollback to code with other rules that failed after relabelling: its labels stay
    // (here, under rules that label no device Shared).
    await failedRun('run-failed-other-rules', 'rules of a rolled-back version');
    await db.driver.executeQuery('MATCH (d:Device:Shared) REMOVE d:Shared', {}, { database: db.settings.database });
    expect((await sharedLabels()).recountWouldChange).toBeGreaterThan(0);
    expect((await store.lastPlan())!.labelsCurrent).toBe(false);
    await ingestBatch(new Neo4jIngestStore(db), { borrowers: [borrower] });
    await runAnalysis(watched, { options: { seed: 1 } });
    expect(relabelled).toEqual([[borrower.id], null]);
    expect((await sharedLabels()).recountWouldChange).toBe(0);
    // The full relabelling succeeded: the run after it trusts the labels again.
    expect((await store.lastPlan())!.labelsCurrent).toBe(true);
  }, 120_000);

  it('then after the last arrival the rings are those of one full analysis of the data loaded at once', async () => {
    const replayed = await ringsInGraph(false);
    await clearGraph(db);
    await ingestBatch(new Neo4jIngestStore(db), evidence);
    await analyse(true);
    expect(replayed.length).toBeGreaterThan(0);
    expect(await ringsInGraph(false)).toEqual(replayed);
  }, 300_000);
});

/** The ring a tool of this kind belongs to, and the tool: where a change elsewhere must reach. */
async function ringTool(kind: 'adSource' | 'phone', maxDegree: number): Promise<{ ring: string; tool: string; degree: number }> {
  const { records } = await db.driver.executeQuery(
    `MATCH (r:Ring)-[t:USES_TOOL {kind: $kind}]->(tool) WHERE t.degree <= $maxDegree
     RETURN r.id AS ring, coalesce(tool.number, tool.id) AS tool, t.degree AS degree ORDER BY t.degree DESC, r.id LIMIT 1`,
    { kind, maxDegree },
    { database: db.settings.database },
  );
  expect(records.length).toBe(1);
  return { ring: records[0]!.get('ring') as string, tool: records[0]!.get('tool') as string, degree: Number(records[0]!.get('degree')) };
}

const toolsOf = async (ringId: string) =>
  (await db.driver.executeQuery('MATCH (:Ring {id: $ringId})-[t:USES_TOOL]->(tool) RETURN coalesce(tool.number, tool.id) AS tool, t.degree AS degree', { ringId }, { database: db.settings.database })).records.map(
    (r) => `${r.get('tool')}:${Number(r.get('degree'))}`,
  );

/** New borrowers who share nothing but the given tie, so their own components hold none of the ring's members. */
function strangers(prefix: string, count: number, tie: (id: string) => Partial<Evidence>): Evidence {
  const batch = emptyEvidence();
  for (let i = 0; i < count; i++) {
    const id = `${prefix}-${i}`;
    batch.borrowers.push({ id, overdueDays: 10 });
    const more = tie(id);
    for (const kind of Object.keys(more) as (keyof Evidence)[]) (batch[kind] as unknown[]).push(...(more[kind] as unknown[]));
  }
  return batch;
}

describe('When a change elsewhere bears on a ring none of whose members gained a record', () => {
  beforeAll(async () => {
    await clearGraph(db);
    await ingestBatch(new Neo4jIngestStore(db), evidence);
    await analyse(true);
  }, 300_000);

  async function expectIncrementalEqualsFull(batch: Evidence, ringId: string, toolsBefore: string[]) {
    await ingestBatch(new Neo4jIngestStore(db), batch);
    const incremental = await analyse(false);
    expect(incremental.scope.mode).toBe('incremental');
    const afterIncremental = await ringsInGraph(true);
    await analyse(true);
    expect(await ringsInGraph(true)).toEqual(afterIncremental);
    // The change did reach the ring: it is not what it was.
    expect(await toolsOf(ringId)).not.toEqual(toolsBefore);
  }

  it('then a small flyer that recruited someone else is re-examined in every ring it recruited for', async () => {
    const { ring, tool } = await ringTool('adSource', 150);
    const before = await toolsOf(ring);
    await expectIncrementalEqualsFull(strangers('late-recruit', 1, (id) => ({ recruitments: [{ borrowerId: id, adSourceId: tool }] })), ring, before);
  }, 300_000);

  it('then a phone that becomes a hub through strangers is cut in the rings that used it too', async () => {
    const { ring, tool, degree } = await ringTool('phone', 150);
    const before = await toolsOf(ring);
    const toCut = parseDetectionOptions({}).activeHubDegree + 1 - degree;
    await expectIncrementalEqualsFull(strangers('phone-holder', toCut, (id) => ({ phoneLinks: [{ borrowerId: id, phone: tool, role: 'contact' }] })), ring, before);
  }, 300_000);
});

describe('When the platform is past the size at which a run that examined everything keeps its plan inputs', () => {
  // A bound of none: every platform is past it.
  const keepsNothingAfterFull = new PlanInputsCache(0);
  const run = (full: boolean) => runAnalysis(store, { options: { seed: 1 }, full }, undefined, undefined, undefined, keepsNothingAfterFull);

  it('then the run after a full one reads them whole and keeps them, and the next reads only what changed', async () => {
    expect((await run(true)).scope).toMatchObject({ mode: 'full', planInputs: 'whole' });
    await ingestBatch(new Neo4jIngestStore(db), strangers('after-full', 2, () => ({})));
    expect((await run(false)).scope).toMatchObject({ mode: 'incremental', touchedBorrowers: 2, planInputs: 'whole' });
    await ingestBatch(new Neo4jIngestStore(db), strangers('day-after', 2, () => ({})));
    expect((await run(false)).scope).toMatchObject({ mode: 'incremental', touchedBorrowers: 2, planInputs: 'changes' });
  }, 300_000);
});
