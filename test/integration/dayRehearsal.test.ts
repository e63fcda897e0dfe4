import { watchCompilation, type CompilationWatch } from '../../bench/planCompilation';
import { rehearseDay, type DayRehearsal } from '../../src/analysis/dayRehearsal';
import { PlanInputsCache } from '../../src/analysis/planInputsCache';
import { runAnalysis, type AnalysisSummary } from '../../src/analysis/runAnalysis';
import { alertsOnRingsReplaced } from '../../src/alerts/raiseAlerts';
import { ALERT_DEFAULTS } from '../../src/alerts/riskEvents';
import { ingestBatch } from '../../src/ingest/ingestBatch';
import { Neo4jAlertStore } from '../../src/neo4j/alertStore';
import { Neo4jAnalysisStore } from '../../src/neo4j/analysisStore';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { Neo4jIngestStore } from '../../src/neo4j/ingestStore';
import { sliceSize } from '../../src/scenario/dailySlices';
import { generateDailyScenario } from '../../src/scenario/dailyScenario';
import { profileParams } from '../../src/scenario/profiles';
import { graphSnapshot, type GraphSnapshot } from './support/graphSnapshot';
import { clearGraph, openTestDatabase } from './support/testDatabase';

/**
 * A day rehearsed on a graph that has lived a few days: it must leave everything as it was
 * (the graph, the ingest stamps a run claims, the plan inputs a server keeps) and make the
 * plans the next day needs, which a day after Neo4j's plans were cleared makes itself.
 */

const DAYS = 7;
const month = generateDailyScenario({ ...profileParams('field', 2_000, 23), days: DAYS });
const OPTIONS = { seed: 1 };
const ALERTS = { settings: ALERT_DEFAULTS, deliver: false };

let db: GraphDatabase;
let compiling: CompilationWatch;
const planCache = new PlanInputsCache();

async function ingestDay(day: number): Promise<void> {
  const slice = month.days[day - 1]!;
  if (sliceSize(slice) > 0) await ingestBatch(new Neo4jIngestStore(db), slice);
}

/** Analyses as a server's analysis thread would, building on the plan inputs `cache` keeps. */
const analyse = (cache: PlanInputsCache): Promise<AnalysisSummary> =>
  runAnalysis(new Neo4jAnalysisStore(db), { options: OPTIONS }, undefined, undefined, alertsOnRingsReplaced(new Neo4jAlertStore(db)), cache);

/** Loads day `day` and analyses it. */
async function liveDay(day: number): Promise<AnalysisSummary> {
  await ingestDay(day);
  return analyse(planCache);
}

/** What a rehearsal must not change beyond the graph's snapshot: every ingest stamp, with the run that claimed it. */
async function stamps(): Promise<string[]> {
  const { records } = await db.driver.executeQuery('MATCH (s:IngestStamp) RETURN s.kind + " " + s.records + " " + coalesce(s.analysedBy, "-") + " " + toString(s.at) AS line', {}, { database: db.settings.database });
  return records.map((r) => r.get('line') as string).sort();
}

const clearPlans = () => db.write((tx) => tx.run('CALL db.clearQueryCaches()'));

/** Plans Neo4j made while `work` ran. */
async function plansMadeBy(work: () => Promise<unknown>): Promise<number> {
  const from = Date.now();
  await work();
  return (await compiling.within(from, Date.now()))!.planned;
}

let before: { graph: GraphSnapshot; stamps: string[] };
let rehearsal: DayRehearsal | null;

beforeAll(async () => {
  db = await openTestDatabase();
  await clearGraph(db);
  for (let day = 1; day <= 3; day++) await liveDay(day);
  compiling = await watchCompilation(db);
  before = { graph: await graphSnapshot(db), stamps: await stamps() };
  rehearsal = await rehearseDay(db, { planCache, alerts: ALERTS });
}, 600_000);
afterAll(async () => {
  await compiling?.stop();
  await db.close();
});

describe('When a day is rehearsed on a graph that has lived a few days', () => {
  test('then it ingested every batch and ran the next analysis, over the borrowers the last run examined, on the inputs kept', () => {
    expect(compiling.unavailable).toBeNull();
    expect(rehearsal).toMatchObject({ batches: 36, analysis: { touched: expect.any(Number), planInputsKept: false } });
    expect((rehearsal!.analysis as { touched: number }).touched).toBeGreaterThan(0);
  });

  test('then the graph, its nodes, relationships and properties, and the ingest stamps are as they were', async () => {
    expect(await graphSnapshot(db)).toEqual(before.graph);
    expect(await stamps()).toEqual(before.stamps);
  });

  test('then a server just started, keeping no plan inputs yet, with records not analysed yet, builds its run on the inputs the rehearsal read, its plans made, and leaves the rings one full analysis finds', async () => {
    await ingestDay(4);
    const unchanged = await graphSnapshot(db);
    const started = new PlanInputsCache();
    // As after a start of Neo4j: no plan made yet.
    await clearPlans();
    const rehearsed = await rehearseDay(db, { planCache: started, alerts: ALERTS });
    // It examined the records not analysed yet, as the next run does.
    expect(rehearsed?.analysis).toMatchObject({ planInputsKept: true, touched: expect.any(Number) });
    expect(await graphSnapshot(db)).toEqual(unchanged);
    let day: AnalysisSummary | undefined;
    const planned = await plansMadeBy(async () => (day = await analyse(started)));
    // The run builds on the inputs, with statements a whole read does not run: rehearsed too (5 plans made without that).
    expect(planned).toBeLessThanOrEqual(2);
    expect(day!.scope).toMatchObject({ mode: 'incremental', planInputs: 'changes' });
    const rings = async () => (await db.driver.executeQuery('MATCH (r:Ring) RETURN r.id AS id, [(b)-[:MEMBER_OF]->(r) | b.id] AS members', {}, { database: db.settings.database })).records.map((r) => `${r.get('id')} ${[...(r.get('members') as string[])].sort().join(',')}`).sort();
    const incremental = await rings();
    expect(incremental.length).toBeGreaterThan(0);
    await runAnalysis(new Neo4jAnalysisStore(db), { options: OPTIONS, full: true });
    expect(await rings()).toEqual(incremental);
  }, 300_000);

  test('then a day after a rehearsal makes a fraction of the plans a day after Neo4j forgot its plans makes', async () => {
    // After the full run above, a run that reads the plan inputs whole and keeps them: the two days compared read only changes.
    await liveDay(5);
    await clearPlans();
    const unrehearsed = await plansMadeBy(() => liveDay(6));
    await clearPlans();
    const rehearsed = await rehearseDay(db, { planCache, alerts: ALERTS });
    expect(rehearsed?.analysis).toHaveProperty('touched');
    const afterRehearsal = await plansMadeBy(() => liveDay(7));
    expect(unrehearsed).toBeGreaterThanOrEqual(20);
    expect(afterRehearsal).toBeLessThan(unrehearsed / 3);
  }, 300_000);
});
