import type { AlertPlan, AlertRunState } from '../../src/alerts/ports';
import type { RingSnapshot } from '../../src/contract/alert';
import { clearGraph } from '../../src/neo4j/clearGraph';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { Neo4jAlertStore } from '../../src/neo4j/alertStore';
import { openTestDatabase } from './support/testDatabase';

/**
 * The rings as the alerts last saw them are what the next run's rings are compared with.
 * The store writes only the snapshots that changed; whatever it skips, the next run must
 * read exactly the rings the last run left, no more, no less, none stale.
 */

let db: GraphDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
  await clearGraph(db);
}, 60_000);
afterAll(() => db.close());

const ring = (id: string, members: string[], score = 0.8, tools: RingSnapshot['tools'] = [{ kind: 'phone', id: '+8613800000001' }]): RingSnapshot => ({
  id,
  kind: 'complaintCampaign',
  score,
  suspected: score >= 0.5,
  members,
  complaints: members.length,
  tools,
});

/** Applies a run whose only outcome is the given snapshot, and returns what the run found stored before it. */
async function runLeaving(runId: string, snapshot: RingSnapshot[]): Promise<RingSnapshot[]> {
  let seen: RingSnapshot[] = [];
  const plan = (state: AlertRunState): AlertPlan => {
    seen = state.previous;
    return { alerts: [], endedCases: [], cases: [], events: [], snapshot };
  };
  expect(await new Neo4jAlertStore(db).applyRun(runId, { written: snapshot.map((r) => r.id), standing: [], keptFrom: null }, plan)).not.toBeNull();
  return seen;
}

describe('When runs leave rings that stay, change, go and come', () => {
  test('then each run reads exactly the rings the run before left', async () => {
    const first = [ring('ring-a', ['b1', 'b2']), ring('ring-b', ['b3', 'b4']), ring('ring-c', ['b5', 'b6'])];
    expect(await runLeaving('run-1', first)).toEqual([]);

    // ring-a stays, ring-b grows, ring-c goes, ring-d is new.
    const second = [ring('ring-a', ['b1', 'b2']), ring('ring-b', ['b3', 'b4', 'b7']), ring('ring-d', ['b8', 'b9'])];
    expect(await runLeaving('run-2', second)).toEqual(first);

    // Only a score, only a tool, and only a member's order change.
    const third = [ring('ring-a', ['b1', 'b2'], 0.4), ring('ring-b', ['b3', 'b4', 'b7'], 0.8, [{ kind: 'device', id: 'dev-1' }]), ring('ring-d', ['b9', 'b8'])];
    expect(await runLeaving('run-3', third)).toEqual(second);

    expect(await runLeaving('run-4', [])).toEqual(third);
    expect(await runLeaving('run-5', [])).toEqual([]);
  }, 60_000);
});
