import type { AlertPlan, AlertRunState, RunRings } from '../../src/alerts/ports';
import { updateCase } from '../../src/cases/updateCase';
import { ingestBatch } from '../../src/ingest/ingestBatch';
import { Neo4jAlertStore, readAlertState, readScopedAlertState } from '../../src/neo4j/alertStore';
import { Neo4jAnalysisStore } from '../../src/neo4j/analysisStore';
import { Neo4jCaseStore } from '../../src/neo4j/caseStore';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { Neo4jIngestStore } from '../../src/neo4j/ingestStore';
import { replayDays } from '../../src/replay/replayDays';
import { sliceSize } from '../../src/scenario/dailySlices';
import { generateDailyScenario } from '../../src/scenario/dailyScenario';
import { profileParams } from '../../src/scenario/profiles';
import { clearGraph, openTestDatabase } from './support/testDatabase';

/**
 * An incremental run's alerts read only the rings it wrote and the ones they replaced, with
 * their cases and open alerts, when the alerts last saw the run it built on. That must plan
 * exactly what reading everything would: on a field month replayed day by day, with cases
 * dismissed, confirmed and closed between days (so judged rings come back with news), every
 * run's alerts are planned from both states of the same graph and compared, ids and all.
 */

const DAYS = 12;
const month = generateDailyScenario({ ...profileParams('field', 2_000, 7), days: DAYS });
const INVESTIGATOR = { role: 'investigator' as const, keyFingerprint: 'alertscope00' };

interface Compared {
  runId: string;
  scoped: boolean;
  standing: number;
  whole: string;
  fromScope: string | null;
  wholeSnapshot: string[];
  scopedSnapshot: string[] | null;
}

/** A plan as text, its random ids replaced by the order they first appear in: two plans drawing ids in the same order read the same. */
function normalised(plan: AlertPlan): string {
  const { snapshot: _snapshot, ...rest } = plan;
  const seen = new Map<string, string>();
  return JSON.stringify(rest).replace(/\b(alert|case|event)-[0-9a-f-]{36}\b/g, (id, kind: string) => {
    if (!seen.has(id)) seen.set(id, `${kind}#${seen.size}`);
    return seen.get(id)!;
  });
}

/** Plans each run's alerts from the whole state and the scoped one of the same graph, before applying it as usual. */
class ComparingAlertStore extends Neo4jAlertStore {
  readonly compared: Compared[] = [];

  constructor(private readonly graph: GraphDatabase) {
    super(graph);
  }

  override async applyRun(runId: string, rings: RunRings, plan: (state: AlertRunState) => AlertPlan): Promise<AlertPlan | null> {
    await this.graph.read(async (tx) => {
      const lastRunId = ((await tx.run("OPTIONAL MATCH (s:AlertState {id: 'alerts'}) RETURN s.runId AS runId")).records[0]!.get('runId') as string | null) ?? null;
      const scoped = await readScopedAlertState(tx, lastRunId, rings);
      const wholeState = await readAlertState(tx, lastRunId, rings.standing);
      const whole = plan(wholeState);
      const fromScope = scoped && plan(scoped);
      this.compared.push({
        runId,
        scoped: scoped !== null,
        standing: rings.standing.length,
        whole: normalised(whole),
        fromScope: fromScope && normalised(fromScope),
        wholeSnapshot: whole.snapshot.map((r) => JSON.stringify(r)).sort(),
        scopedSnapshot: fromScope && [...fromScope.snapshot, ...wholeState.standing].map((r) => JSON.stringify(r)).sort(),
      });
    });
    return super.applyRun(runId, rings, plan);
  }
}

let db: GraphDatabase;
let alerts: ComparingAlertStore;
const judged: string[] = [];
const alertFailures: Error[] = [];

/** Between days, investigators judge some cases: the first open one dismissed, the next confirmed, an older verdict closed. */
async function judgeCases(cases: Neo4jCaseStore, day: number): Promise<void> {
  if (day < 3) return;
  const open = await cases.list({ status: 'open', assignee: null, after: null, limit: 10 });
  const verdicts = ['dismissed', 'confirmed'] as const;
  for (const [i, c] of open.slice(0, 2).entries()) {
    await updateCase(cases, INVESTIGATOR, c.id, { status: verdicts[i]!, note: `day ${day}` });
    judged.push(`${c.id}:${verdicts[i]}`);
  }
  if (day % 4 === 0) {
    const [dismissed] = await cases.list({ status: 'dismissed', assignee: null, after: null, limit: 1 });
    if (dismissed) await updateCase(cases, INVESTIGATOR, dismissed.id, { status: 'closed' });
  }
}

beforeAll(async () => {
  db = await openTestDatabase();
  await clearGraph(db);
  alerts = new ComparingAlertStore(db);
  const ingest = new Neo4jIngestStore(db);
  const cases = new Neo4jCaseStore(db);
  const days = replayDays(
    {
      analysisStore: new Neo4jAnalysisStore(db),
      alertStore: alerts,
      loadDay: async (day) => {
        await judgeCases(cases, day);
        const slice = month.days[day - 1]!;
        if (sliceSize(slice) > 0) await ingestBatch(ingest, slice);
      },
      request: { options: { seed: 1 } },
      onAlertFailure: (error) => alertFailures.push(error),
    },
    DAYS,
  );
  for await (const _day of days) void _day;
}, 600_000);
afterAll(() => db.close());

describe('When a field month is replayed with cases judged between days', () => {
  test('then the incremental runs after the first read only the rings in play, the other rings left standing', () => {
    expect(alertFailures).toEqual([]);
    expect(alerts.compared).toHaveLength(DAYS);
    expect(alerts.compared[0]!.scoped).toBe(false);
    const scoped = alerts.compared.filter((c) => c.scoped);
    expect(scoped.length).toBeGreaterThanOrEqual(DAYS - 3);
    expect(Math.max(...scoped.map((c) => c.standing))).toBeGreaterThan(0);
    expect(judged.length).toBeGreaterThanOrEqual(4);
  });

  test('then each of them plans exactly the alerts, cases and history entries reading everything plans', () => {
    const scoped = alerts.compared.filter((c) => c.scoped);
    for (const c of scoped) expect({ runId: c.runId, plan: c.fromScope }).toEqual({ runId: c.runId, plan: c.whole });
    // Not vacuous: the runs raised alerts and changed cases, some on judged rings.
    const planned = scoped.map((c) => JSON.parse(c.whole) as { alerts: { kind: string }[]; cases: unknown[] });
    expect(planned.reduce((n, p) => n + p.alerts.length, 0)).toBeGreaterThan(0);
    expect(planned.reduce((n, p) => n + p.cases.length, 0)).toBeGreaterThan(0);
  });

  test('then the rings they leave seen are the written ones plus the standing ones, as reading everything leaves them', () => {
    for (const c of alerts.compared.filter((c) => c.scoped)) expect({ runId: c.runId, snapshot: c.scopedSnapshot }).toEqual({ runId: c.runId, snapshot: c.wholeSnapshot });
  });
});
