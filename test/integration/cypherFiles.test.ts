import neo4j, { type QueryResult } from 'neo4j-driver';
import { cypher, listCypherFiles, statementsOf } from '../../src/neo4j/cypherFiles';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { ingestBatch } from '../../src/ingest/ingestBatch';
import { generateScenario } from '../../src/scenario/generateScenario';
import { runAnalysis } from '../../src/analysis/runAnalysis';
import { alertsOnRingsReplaced } from '../../src/alerts/raiseAlerts';
import { Neo4jAlertStore } from '../../src/neo4j/alertStore';
import { Neo4jAnalysisStore } from '../../src/neo4j/analysisStore';
import { openTestDatabase } from './support/testDatabase';
import { Neo4jIngestStore } from '../../src/neo4j/ingestStore';
import { GDS_TEST_TAG, gdsOnTestServer } from './support/gdsOnTestServer';
import { RingSnapshotSchema } from '../../src/contract/alert';
import { toPlain } from '../../src/neo4j/plainValues';

/**
 * Every .cypher file in cypher/ runs against a real graph where it has something to find:
 * a generated scenario, loaded and analysed (raising its alerts and opening their cases),
 * with a review and an audit event. Each read is
 * checked for what it must return; each write runs in a transaction that is rolled back
 * after its counters are checked. A new file must be given a case here, or this test fails.
 */

/** Real keys from the analysed graph, so every statement meets data. */
interface Fixture {
  ringId: string;
  runId: string;
  member: string;
  phoneTool: string;
  deviceTool: string;
  hubDevice: string | null;
  complaintId: string;
  callId: string;
  adSourceId: string;
  channelId: string;
  name: string;
  alertId: string;
  caseId: string;
}

interface Case {
  params: (f: Fixture) => Record<string, unknown>;
  /** Reads: what the result must hold. Writes: what the counters must show (the transaction is rolled back). */
  check: (result: QueryResult, f: Fixture) => void;
  write?: boolean;
  /** Writes: statements run first in the same transaction (what the checked one builds on). */
  first?: (f: Fixture) => [statement: string, params: Record<string, unknown>][];
  /**
   * GDS statements: the statements to run first (the pipeline's earlier steps, with the
   * same parameters); the peer's in-memory graph is dropped after the case. Skipped, and
   * counted in the run's summary, when the test server has no GDS.
   */
  gds?: { before: string[] };
}

const rows = (r: QueryResult) => r.records.map((record) => record.toObject() as Record<string, unknown>);
const first = (r: QueryResult) => rows(r)[0]!;
const plain = (v: unknown) => (neo4j.isInt(v) ? (v as { toNumber(): number }).toNumber() : v);
const updates = (r: QueryResult) => r.summary.counters.updates();
const labels = (r: QueryResult) => ({ added: updates(r).labelsAdded, removed: updates(r).labelsRemoved });
const nonEmpty = (r: QueryResult) => expect(r.records.length).toBeGreaterThan(0);
const int = neo4j.int;
/** A ring staged by the fixture's run, in the transaction of the case that builds on it. */
const STAGED_RING = 'ring-cypher-staged';
const RUNNING_RUN = 'run-cypher-running';
/** A run recorded as running (startRun.cypher), for the statements about runs still running. */
const running = (): [string, Record<string, unknown>][] => [['analysis/startRun', { id: RUNNING_RUN, props: { startedAt: '2024-03-01T00:00:00Z', codeVersion: 'test' } }]];
const staged = (f: Fixture): [string, Record<string, unknown>][] => [['analysis/createRings', { runId: f.runId, rings: [{ id: STAGED_RING, runId: f.runId, kind: 'complaintCampaign', score: 0.9, suspected: true }] }]];
/** Shared ties of one kind: some, and each identifier ties two borrowers or more. */
const expectSharedTies = (r: QueryResult, kind: string) => {
  const ties = rows(r);
  expect(ties.length).toBeGreaterThan(0);
  expect(ties.every((x) => x.kind === kind && new Set((x.ties as string[][]).map(([b]) => b)).size >= 2)).toBe(true);
};

/** Ties of the identifiers of given borrowers: all of one kind, some shared (two borrowers or more), some not (no ties). */
const expectTouchedTies = (r: QueryResult, kind: string) => {
  const ties = rows(r).map((x) => ({ kind: x.kind, borrowers: new Set((x.ties as string[][]).map(([b]) => b)).size, ties: (x.ties as unknown[]).length }));
  expect(ties.every((t) => t.kind === kind && (t.ties === 0 || t.borrowers >= 2))).toBe(true);
  expect(ties.some((t) => t.ties > 0)).toBe(true);
  expect(ties.some((t) => t.ties === 0)).toBe(true);
};
/** Recruits who complained, of sources with at most `max` recruits, each with their complaints. */
const expectCampaignRecords = (r: QueryResult, max: number) => {
  const perSource = new Map<string, number>();
  for (const x of rows(r)) for (const [source] of x.recruitments as [string, string | null][]) perSource.set(source, (perSource.get(source) ?? 0) + 1);
  expect(perSource.size).toBeGreaterThan(0);
  expect([...perSource.values()].every((n) => n <= max)).toBe(true);
  expect(rows(r).every((x) => (x.complaints as unknown[]).length > 0)).toBe(true);
};
/** Every borrower of the fixture's scenario (generateScenario ids). */
const SCENARIO_BORROWERS = Array.from({ length: 2500 }, (_, i) => `b${String(i + 1).padStart(7, '0')}`);

const CASES: Record<string, Case> = {
  schema: { params: () => ({}), check: (r) => expect(r.summary.queryType).toBe('s') },

  'ingest/borrowers': {
    write: true,
    params: () => ({ rows: [{ id: 'cypher-new', name: 'Test', idNumberHash: null, registeredAt: '2024-01-01T00:00:00Z', overdueDays: int(3), outstandingPrincipal: 100 }] }),
    check: (r) => expect(updates(r).nodesCreated).toBe(1),
  },
  'ingest/adSources': { write: true, params: () => ({ rows: [{ id: 'ad-cypher-new', kind: 'street_flyer', label: null }] }), check: (r) => expect(updates(r).nodesCreated).toBe(1) },
  'ingest/complaintChannels': { write: true, params: () => ({ rows: [{ id: 'ch-cypher-new', name: null, kind: 'regulator' }] }), check: (r) => expect(updates(r).nodesCreated).toBe(1) },
  'ingest/phoneLinks': {
    write: true,
    params: (f) => ({ rows: [{ borrowerId: f.member, phone: '+8613812340000', role: 'contact' }, { borrowerId: 'nobody', phone: '+8613812340000', role: 'contact' }] }),
    check: (r) => {
      expect(updates(r)).toMatchObject({ nodesCreated: 1, relationshipsCreated: 1 });
      expect(plain(first(r).resolved)).toBe(1);
    },
  },
  'ingest/deviceLinks': {
    write: true,
    params: (f) => ({ rows: [{ borrowerId: f.member, deviceId: 'dev-cypher-new', seenAt: '2024-01-02T10:00:00Z' }] }),
    check: (r) => {
      expect(updates(r)).toMatchObject({ nodesCreated: 1, relationshipsCreated: 1 });
      expect(plain(first(r).resolved)).toBe(1);
    },
  },
  'ingest/recruitments': {
    write: true,
    params: (f) => ({ rows: [{ borrowerId: f.member, adSourceId: f.adSourceId, at: '2024-03-01T00:00:00Z' }, { borrowerId: f.member, adSourceId: 'no-such-source', at: null }] }),
    check: (r) => {
      expect(updates(r).propertiesSet).toBeGreaterThan(0);
      expect(plain(first(r).resolved)).toBe(1);
    },
  },
  'ingest/complaints': {
    write: true,
    params: (f) => ({ rows: [{ id: 'cmp-cypher-new', borrowerId: f.member, channelId: f.channelId, filedAt: '2024-03-01T00:00:00Z', phone: f.phoneTool, deviceId: f.deviceTool, claim: 'x', text: 't' }] }),
    check: (r) => {
      expect(updates(r)).toMatchObject({ nodesCreated: 1, relationshipsCreated: 4 });
      expect(first(r)).toMatchObject({ storedBefore: [] });
      expect(plain(first(r).resolved)).toBe(1);
    },
  },
  'ingest/calls': {
    write: true,
    params: (f) => ({ rows: [{ id: 'call-cypher-new', borrowerId: f.member, at: '2024-03-01T00:00:00Z', phone: f.phoneTool, voiceprintId: 'vp-cypher-new', voiceMatch: false, identityVerified: null }] }),
    check: (r) => {
      expect(updates(r)).toMatchObject({ nodesCreated: 2, relationshipsCreated: 3 });
      expect(first(r)).toMatchObject({ storedBefore: [] });
      expect(plain(first(r).resolved)).toBe(1);
    },
  },
  'ingest/stamp': {
    write: true,
    params: () => ({ kind: 'borrowers', records: int(1), borrowers: ['b-stamped'] }),
    check: (r) => expect(updates(r)).toMatchObject({ nodesCreated: 1, propertiesSet: 4 }),
  },
  'ingest/missingBorrowerIds': { params: (f) => ({ ids: [f.member, 'nobody'] }), check: (r) => expect(rows(r).map((x) => x.id)).toEqual(['nobody']) },
  'ingest/missingAdSourceIds': { params: (f) => ({ ids: [f.adSourceId, 'nothing'] }), check: (r) => expect(rows(r).map((x) => x.id)).toEqual(['nothing']) },
  'ingest/missingComplaintChannelIds': { params: (f) => ({ ids: [f.channelId, 'none'] }), check: (r) => expect(rows(r).map((x) => x.id)).toEqual(['none']) },
  'ingest/complaintConflicts': {
    params: (f) => ({ rows: [{ id: f.complaintId, borrowerId: 'someone-else', channelId: f.channelId, phone: null, deviceId: null }] }),
    check: (r, f) => expect(first(r)).toMatchObject({ id: f.complaintId }),
  },
  'ingest/callConflicts': {
    params: (f) => ({ rows: [{ id: f.callId, borrowerId: 'someone-else', phone: null, voiceprintId: null }] }),
    check: (r, f) => expect(first(r)).toMatchObject({ id: f.callId }),
  },
  'ingest/storedEventCounts': { params: () => ({}), check: (r) => expect(plain(first(r).complaints)).toBeGreaterThan(0) },
  'ingest/graphSize': { params: () => ({}), check: (r) => expect(plain(first(r).nodes)).toBeGreaterThan(1000) },

  'evidence/borrowers': {
    params: (f) => ({ ids: [f.member, 'no-such-borrower'] }),
    check: (r, f) => expect(rows(r)).toEqual([expect.objectContaining({ id: f.member, name: expect.any(String) })]),
  },
  'evidence/adSources': { params: () => ({}), check: nonEmpty },
  'evidence/complaintChannels': { params: () => ({}), check: nonEmpty },
  'evidence/phoneLinks': { params: (f) => ({ ids: [f.member] }), check: (r, f) => expect(rows(r).every((x) => x.borrowerId === f.member) && r.records.length > 0).toBe(true) },
  'evidence/deviceLinks': { params: (f) => ({ ids: [f.member] }), check: (r, f) => expect(rows(r).every((x) => x.borrowerId === f.member) && r.records.length > 0).toBe(true) },
  'evidence/recruitments': { params: (f) => ({ ids: [f.member] }), check: (r, f) => expect(rows(r).every((x) => x.borrowerId === f.member) && r.records.length > 0).toBe(true) },
  'evidence/complaints': { params: (f) => ({ ids: [f.member] }), check: (r, f) => expect(rows(r).every((x) => x.borrowerId === f.member) && r.records.length > 0).toBe(true) },
  'evidence/calls': { params: (f) => ({ ids: [f.member] }), check: (r, f) => expect(rows(r).every((x) => x.borrowerId === f.member) && r.records.length > 0).toBe(true) },

  'plan/sharedPhoneTies': {
    params: () => ({}),
    check: (r, f) => {
      // Only phones that tie two borrowers or more: the ring's phone tool is one.
      expectSharedTies(r, 'phone');
      expect(rows(r).some((x) => x.value === f.phoneTool)).toBe(true);
    },
  },
  'plan/sharedDeviceTies': {
    params: () => ({}),
    check: (r, f) => {
      expectSharedTies(r, 'device');
      expect(rows(r).some((x) => x.value === f.deviceTool)).toBe(true);
    },
  },
  'plan/sharedVoiceTies': { params: () => ({}), check: (r) => expectSharedTies(r, 'voice') },
  // The same ties from the identifiers of given borrowers: every one comes back, with no ties when it ties fewer than two.
  'plan/touchedPhoneTies': {
    params: (f) => ({ borrowers: [f.member] }),
    check: (r, f) => {
      expectTouchedTies(r, 'phone');
      expect((rows(r).find((x) => x.value === f.phoneTool)!.ties as string[][]).map(([b]) => b)).toContain(f.member);
    },
  },
  'plan/touchedDeviceTies': { params: () => ({ borrowers: SCENARIO_BORROWERS }), check: (r, f) => {
    expectTouchedTies(r, 'device');
    expect((rows(r).find((x) => x.value === f.deviceTool)!.ties as unknown[]).length).toBeGreaterThan(1);
  } },
  'plan/touchedVoiceTies': { params: () => ({ borrowers: SCENARIO_BORROWERS }), check: (r) => expectTouchedTies(r, 'voice') },
  // The fixture's analysis labelled every shared identifier (the ties above are read from
  // the labels): a recount, or a look at a member's identifiers, changes nothing.
  'plan/markSharedPhones': { write: true, params: () => ({ borrowers: null }), check: (r) => expect({ changed: plain(first(r).changed), ...labels(r) }).toEqual({ changed: 0, added: 0, removed: 0 }) },
  'plan/markSharedDevices': { write: true, params: (f) => ({ borrowers: [f.member] }), check: (r) => expect({ changed: plain(first(r).changed), ...labels(r) }).toEqual({ changed: 0, added: 0, removed: 0 }) },
  'plan/markSharedVoices': { write: true, params: () => ({ borrowers: null }), check: (r) => expect({ changed: plain(first(r).changed), ...labels(r) }).toEqual({ changed: 0, added: 0, removed: 0 }) },
  'plan/adSourceRecruits': { params: () => ({}), check: (r) => expect(rows(r).every((x) => plain(x.recruits) as number >= 2) && r.records.length > 0).toBe(true) },
  'plan/campaignRecords': { params: () => ({ maxRecruits: int(5) }), check: (r) => expectCampaignRecords(r, 5) },
  // The same records for given borrowers: every borrower of the scenario gives the same.
  'plan/campaignRecordsOf': { params: () => ({ ids: SCENARIO_BORROWERS, maxRecruits: int(5) }), check: (r) => expectCampaignRecords(r, 5) },
  'plan/complaintFacts': {
    params: () => ({}),
    check: (r) => {
      const facts = first(r);
      expect(plain(facts.borrowers)).toBe(2500);
      expect(plain(facts.complainers) as number).toBeGreaterThan(0);
      expect(Date.parse(facts.firstAt as string)).toBeLessThan(Date.parse(facts.lastAt as string));
    },
  },

  'analysis/previousRings': { params: () => ({}), check: (r, f) => expect(rows(r).some((x) => x.id === f.ringId && (x.members as string[]).includes(f.member))).toBe(true) },
  'analysis/retireRings': {
    write: true,
    params: (f) => ({ keep: [f.ringId] }),
    // Every other ring trades its label for the retired one.
    check: (r) => {
      expect(updates(r).labelsAdded).toBeGreaterThan(0);
      expect(updates(r).labelsRemoved).toBe(updates(r).labelsAdded);
    },
  },
  // Every run deletes what it retired once it has committed, so there is nothing left.
  'analysis/deleteRetiredRings': { write: true, params: () => ({ limit: int(1000) }), check: (r) => expect({ deleted: plain(first(r).deleted), nodes: updates(r).nodesDeleted }).toEqual({ deleted: 0, nodes: 0 }) },
  'analysis/pruneHubLinks': {
    write: true,
    // A run no ring was found in, linked to a hub as every run is.
    first: (f) => [...running(), ['analysis/linkHubs', { runId: RUNNING_RUN, hubs: [{ kind: 'device', id: f.hubDevice, props: { action: 'cut', degree: int(30) } }] }]],
    params: (f) => ({ keep: f.runId, limit: int(1000) }),
    // That run's link goes; the analysed run's, whose rings stand, stay.
    check: (r) => expect({ deleted: plain(first(r).deleted), relationships: updates(r).relationshipsDeleted }).toEqual({ deleted: 1, relationships: 1 }),
  },
  'analysis/deleteUnusedTemplates': {
    write: true,
    params: () => ({}),
    // Every template belongs to a ring until the rings are deleted.
    check: (r) => expect(updates(r).nodesDeleted).toBe(0),
  },
  'analysis/claimTouched': {
    write: true,
    params: () => ({ runId: 'run-cypher-claim' }),
    // The fixture's analysis examined every write before it, so nothing is left to claim.
    check: (r) => expect({ ...first(r), stamps: plain(first(r).stamps), known: plain(first(r).known) }).toEqual({ stamps: 0, known: 0, borrowers: [] }),
  },
  'analysis/lastPlan': {
    params: () => ({}),
    check: (r, f) => {
      expect((first(r).run as { id: string }).id).toBe(f.runId);
      expect(JSON.parse(first(r).state as string)).toMatchObject({ cut: expect.any(Array), adSources: expect.any(Object), campaigns: expect.any(Object) });
    },
  },
  'analysis/recruitsOf': { params: (f) => ({ ids: [f.adSourceId] }), check: nonEmpty },
  // What a day's rehearsal names: up to as many borrowers as asked, an ad source and a channel.
  'rehearsal/cast': {
    params: () => ({ borrowers: int(3) }),
    check: (r) => expect(first(r)).toEqual({ borrowers: [expect.any(String), expect.any(String), expect.any(String)], adSource: expect.any(String), channel: expect.any(String) }),
  },
  // The fixture's run claimed the writes before it, each naming its borrowers.
  'rehearsal/claimedBy': {
    params: (f) => ({ runId: f.runId, limit: int(5) }),
    check: (r) => expect((first(r).borrowers as string[]).length).toBe(5),
  },
  'analysis/savePlan': { write: true, params: (f) => ({ id: f.runId, state: '{}' }), check: (r) => expect(updates(r)).toMatchObject({ nodesCreated: 1, nodesDeleted: 1 }) },
  'analysis/startRun': { write: true, params: () => ({ id: 'run-cypher-new', props: { startedAt: '2024-03-01T00:00:00Z', codeVersion: 'test', option_seed: int(1) } }), check: (r) => expect(updates(r).nodesCreated).toBe(1) },
  // A run's sign of life: refreshed while it runs, refused once it stopped running.
  'analysis/keepRunAlive': { write: true, first: running, params: () => ({ id: RUNNING_RUN }), check: (r) => expect({ alive: plain(first(r).alive), set: updates(r).propertiesSet }).toEqual({ alive: 1, set: 1 }) },
  // Past a lease that has run out (negative, here: any sign of life is too old), a running run is abandoned; the fixture's succeeded run never is.
  'analysis/abandonedRuns': {
    write: true,
    first: running,
    params: () => ({ leaseMs: int(-60_000) }),
    check: (r) => expect(rows(r).map((x) => ({ id: x.id, seen: typeof plain(x.seenAt) }))).toEqual([{ id: RUNNING_RUN, seen: 'number' }]),
  },
  // Only a run still running, with the very sign of life it was found abandoned at.
  'analysis/failAbandonedRuns': {
    write: true,
    first: running,
    params: (f) => ({ runs: [{ id: f.runId, seenAt: int(0), finishedAt: '2024-03-01T00:01:00Z' }, { id: RUNNING_RUN, seenAt: int(0), finishedAt: '2024-03-01T00:01:00Z' }], error: 'abandoned' }),
    check: (r) => expect({ failed: rows(r).length, set: updates(r).propertiesSet }).toEqual({ failed: 0, set: 0 }),
  },
  'analysis/finishRun': { write: true, params: (f) => ({ id: f.runId, props: { finishedAt: '2024-03-01T00:01:00Z' } }), check: (r) => expect(updates(r).propertiesSet).toBe(2) },
  'analysis/failRun': { write: true, params: (f) => ({ id: f.runId, finishedAt: '2024-03-01T00:01:00Z', error: 'test' }), check: (r) => expect(updates(r).propertiesSet).toBe(3) },
  'analysis/runById': {
    params: (f) => ({ id: f.runId }),
    check: (r, f) => expect(first(r).run).toMatchObject({ id: f.runId, status: 'succeeded', option_seed: expect.anything(), codeVersion: expect.any(String) }),
  },
  'analysis/latestRuns': { params: () => ({ limit: int(5) }), check: (r, f) => expect(rows(r).map((x) => (x.run as { id: string }).id)).toContain(f.runId) },
  'analysis/runTopRings': { params: (f) => ({ id: f.runId, limit: int(5) }), check: (r, f) => expect(first(r).id).toBe(f.ringId) },
  'analysis/createRings': {
    write: true,
    params: (f) => ({ runId: f.runId, rings: [{ id: 'ring-cypher-new', runId: f.runId, kind: 'complaintCampaign', score: 0.9, suspected: true }] }),
    // Staged: out of sight until promoted.
    check: (r) => expect({ ...updates(r), labels: updates(r).labelsAdded }).toMatchObject({ nodesCreated: 1, relationshipsCreated: 1, labels: 1 }),
  },
  // The rest of a ring is linked to it while it is staged, and it becomes a Ring only in its run's last transaction.
  'analysis/promoteStagedRings': {
    write: true,
    first: staged,
    params: (f) => ({ runId: f.runId }),
    check: (r) => expect({ promoted: plain(first(r).promoted), ...labels(r) }).toEqual({ promoted: 1, added: 1, removed: 1 }),
  },
  'analysis/linkSignals': {
    write: true,
    first: staged,
    params: (f) => ({ runId: f.runId, signals: [{ ringId: STAGED_RING, name: 'sharedVoice', props: { observed: true, value: 1, weight: 0.2, contribution: 0.2, count: int(1), of: int(1) } }] }),
    check: (r) => expect(updates(r).relationshipsCreated).toBe(1),
  },
  'analysis/linkMembers': {
    write: true,
    first: staged,
    params: (f) => ({ runId: f.runId, members: [{ ringId: STAGED_RING, borrowerId: f.member, props: { role: 'operated', weight: 1, tieKinds: ['voice'], tieIds: ['v1'], tieUsages: ['callVoice'], tieSharedWith: [int(1)], tieDegree: [int(2)] } }] }),
    check: (r) => expect(updates(r).relationshipsCreated).toBe(1),
  },
  'analysis/linkTools': {
    write: true,
    first: staged,
    params: (f) => ({
      runId: f.runId,
      tools: [
        { ringId: STAGED_RING, kind: 'phone', id: f.phoneTool, props: { kind: 'phone', rank: int(1), members: int(3), degree: int(3), usages: ['callPhone'] } },
        { ringId: STAGED_RING, kind: 'template', id: 'flyer~cmp-x', props: { kind: 'template', rank: int(2), members: int(3), degree: int(3), usages: ['templateComplaint'] } },
      ],
    }),
    check: (r) => expect(updates(r)).toMatchObject({ relationshipsCreated: 2, nodesCreated: 1 }),
  },
  'analysis/linkHubs': {
    write: true,
    params: (f) => ({ runId: f.runId, hubs: [{ kind: 'device', id: f.deviceTool, props: { action: 'cut', degree: int(2), usage: 'passive', limit: int(12), specificity: null } }] }),
    check: (r) => expect(updates(r).relationshipsCreated).toBe(1),
  },

  'api/listRings': {
    params: () => ({ kind: 'complaintCampaign', minScore: null, afterScore: null, afterId: null, limit: int(50), tools: int(3) }),
    check: (r, f) => {
      const listed = rows(r).map((x) => x.ring as { id: string; suspected: boolean });
      expect(listed[0]!.id).toBe(f.ringId);
      expect(listed.every((x) => x.suspected)).toBe(true);
      expect((first(r).tools as unknown[]).length).toBeGreaterThan(0);
    },
  },
  'api/ringDossier': {
    params: (f) => ({ id: f.ringId, members: int(100), limit: int(100) }),
    check: (r, f) => {
      const d = first(r);
      expect((d.ring as { id: string }).id).toBe(f.ringId);
      expect((d.signals as unknown[]).length).toBe(10);
      expect((d.members as { borrowerId: string }[]).map((m) => m.borrowerId)).toContain(f.member);
      expect((d.tools as unknown[]).length).toBeGreaterThan(0);
      expect((d.complaints as unknown[]).length + (d.calls as unknown[]).length).toBeGreaterThan(0);
      expect((d.reviews as unknown[]).length).toBe(1);
      expect((d.run as { id: string }).id).toBe(f.runId);
    },
  },
  'api/ringVersion': {
    params: (f) => ({ id: f.ringId }),
    check: (r, f) => expect(first(r)).toMatchObject({ runId: f.runId, reviews: [expect.objectContaining({ ringId: f.ringId })] }),
  },
  'api/ringMembers': {
    params: (f) => ({ id: f.ringId, afterWeight: null, afterId: null, limit: int(100) }),
    check: (r, f) => expect((first(r).members as { borrowerId: string; role: string }[]).find((m) => m.borrowerId === f.member)).toMatchObject({ role: expect.any(String) }),
  },
  'api/ringGraph': {
    params: (f) => ({ id: f.ringId, members: int(50), rows: int(500) }),
    check: (r) => {
      expect((first(r).members as unknown[]).length).toBeGreaterThan(1);
      expect((first(r).rows as unknown[]).length).toBeGreaterThan(0);
    },
  },
  'api/createReview': {
    write: true,
    params: (f) => ({ review: { id: 'rev-cypher-new', ringId: f.ringId, verdict: 'confirmed', note: '', at: '2024-03-01T00:00:00Z', by: 'investigator:abc' } }),
    check: (r) => expect(updates(r).nodesCreated).toBe(1),
  },
  'api/borrowerById': {
    params: (f) => ({ id: f.member }),
    check: (r, f) => expect((first(r).rings as { ringId: string }[]).map((x) => x.ringId)).toContain(f.ringId),
  },
  'api/borrowerToolLinks': { params: (f) => ({ id: f.member, limit: int(50) }), check: (r, f) => expect(rows(r).map((x) => x.ringId)).toContain(f.ringId) },
  'api/phoneById': { params: (f) => ({ id: f.phoneTool }), check: (r, f) => expect((first(r).toolOf as { ringId: string }[]).map((x) => x.ringId)).toContain(f.ringId) },
  'api/phoneLinks': { params: (f) => ({ id: f.phoneTool, limit: int(50) }), check: nonEmpty },
  'api/deviceById': { params: (f) => ({ id: f.hubDevice ?? f.deviceTool }), check: (r, f) => (f.hubDevice ? expect(first(r).hub).toMatchObject({ action: expect.any(String), usage: expect.any(String) }) : nonEmpty(r)) },
  'api/deviceLinks': { params: (f) => ({ id: f.deviceTool, limit: int(50) }), check: nonEmpty },
  'api/search': { params: (f) => ({ text: f.name, phone: null, byName: true, limit: int(10) }), check: (r) => expect(rows(r).some((x) => x.match === 'name')).toBe(true) },
  'api/writeAuditEvents': {
    write: true,
    params: () => ({ events: [{ id: 'ev-cypher-new', at: '2024-03-01T00:00:00Z', role: 'admin', keyFingerprint: 'abc', credential: 'valid', method: 'GET', route: '/v1/rings', status: int(200), records: int(3), durationMs: 1.5 }] }),
    check: (r) => expect(updates(r).nodesCreated).toBe(1),
  },
  'api/auditEvents': { params: () => ({ afterAt: null, afterId: null, limit: int(10) }), check: (r) => expect((first(r).event as { id: string }).id).toBe('ev-cypher-fixture') },
  'api/schemaIndexes': { params: () => ({}), check: (r) => expect(rows(r).map((x) => x.name)).toEqual(expect.arrayContaining(['ring_id', 'borrower_id', 'signal_name'])) },

  'alerts/alertState': { write: true, params: () => ({}), check: (r, f) => expect(first(r).runId).toBe(f.runId) },
  'alerts/ringSnapshots': {
    params: () => ({}),
    check: (r, f) => expect(rows(r).map((x) => x.snapshot as { id: string; members: string[] }).find((s) => s.id === f.ringId)!.members).toContain(f.member),
  },
  'alerts/standingRings': {
    params: (f) => ({ ids: [f.ringId, 'ring-gone'] }),
    check: (r, f) => {
      const [snapshot] = rows(r).map((x) => RingSnapshotSchema.parse(toPlain(x.snapshot)));
      expect(rows(r)).toHaveLength(1);
      expect(snapshot).toMatchObject({ id: f.ringId, suspected: true });
      expect(snapshot!.members).toContain(f.member);
      expect(snapshot!.tools.length).toBeGreaterThan(0);
    },
  },
  'alerts/ringSnapshotsExcept': {
    params: (f) => ({ standing: [f.ringId] }),
    check: (r, f) => {
      nonEmpty(r);
      expect(rows(r).map((x) => (x.snapshot as { id: string }).id)).not.toContain(f.ringId);
    },
  },
  'alerts/openAlertsOfCases': { params: (f) => ({ caseIds: [f.caseId, 'case-gone'] }), check: (r, f) => expect(rows(r).map((x) => (x.alert as { id: string }).id)).toEqual([f.alertId]) },
  'alerts/openAlerts': { params: () => ({}), check: (r, f) => expect(rows(r).map((x) => (x.alert as { id: string }).id)).toContain(f.alertId) },
  'alerts/writeAlerts': {
    write: true,
    params: (f) => ({
      deliver: true,
      alerts: [{ id: 'alert-cypher-new', caseId: f.caseId, firstRaisedAt: '2024-12-01T00:00:00Z', raisedAt: '2024-12-01T00:00:00Z', props: { ringId: f.ringId, kind: 'newSuspectedRing', status: 'open', runId: f.runId, occurrences: int(1), caseId: f.caseId } }],
    }),
    check: (r) => expect(updates(r)).toMatchObject({ nodesCreated: 1, relationshipsCreated: 1 }),
  },
  'alerts/deleteSnapshots': { write: true, params: (f) => ({ ids: [f.ringId, 'no-such-ring'] }), check: (r) => expect(updates(r).nodesDeleted).toBe(1) },
  'alerts/createSnapshots': {
    write: true,
    params: (f) => ({ rings: [{ id: 'ring-cypher-new', kind: 'complaintCampaign', score: 0.5, suspected: true, members: [f.member], complaints: int(1), tools_kind: ['phone'], tools_id: [f.phoneTool] }] }),
    check: (r) => expect(updates(r).nodesCreated).toBe(1),
  },
  'alerts/markRun': { write: true, params: () => ({ runId: 'run-cypher-new', at: '2024-12-01T00:00:00Z' }), check: (r) => expect(first(r).runId).toBe('run-cypher-new') },
  'alerts/listAlerts': {
    params: () => ({ since: '2000-01-01T00:00:00Z', status: 'open', kind: null, ringId: null, afterAt: null, afterId: null, limit: int(500) }),
    check: (r, f) => expect(rows(r).map((x) => (x.alert as { id: string }).id)).toContain(f.alertId),
  },
  'alerts/alertById': { params: (f) => ({ id: f.alertId }), check: (r, f) => expect(first(r).alert).toMatchObject({ ringId: f.ringId, kind: 'newSuspectedRing' }) },
  'alerts/raisedInRun': {
    params: (f) => ({ runId: f.runId }),
    check: (r, f) => expect(rows(r).find((x) => (x.alert as { id: string }).id === f.alertId)!.members).toContain(f.member),
  },
  'alerts/dueDeliveries': { params: () => ({ now: '2999-01-01T00:00:00Z', limit: int(500) }), check: (r, f) => expect(rows(r).map((x) => (x.alert as { id: string }).id)).toContain(f.alertId) },
  'alerts/markDelivered': { write: true, params: (f) => ({ alerts: [{ id: f.alertId, version: int(1) }], at: '2024-12-01T00:00:00Z' }), check: (r) => expect(plain(first(r).delivered)).toBe(1) },
  'alerts/markDeliveryFailed': {
    write: true,
    params: (f) => ({ ids: [f.alertId], at: '2024-12-01T00:00:00Z', nextAttemptAt: '2024-12-01T00:00:05Z', error: 'HTTP 503' }),
    check: (r) => expect(plain(first(r).failed)).toBe(1),
  },
  'cases/casesOfRings': {
    params: (f) => ({ rings: [f.ringId], standing: [], verdicts: ['confirmed', 'dismissed', 'closed'] }),
    check: (r, f) => expect(rows(r).map((x) => (x.case as { id: string }).id)).toEqual([f.caseId]),
  },
  'cases/followingCases': { params: () => ({}), check: (r, f) => expect(rows(r).map((x) => (x.case as { id: string }).id)).toContain(f.caseId) },
  'cases/writeCases': {
    write: true,
    params: (f) => ({ cases: [{ id: 'case-cypher-new', openedAt: '2024-12-01T00:00:00Z', updatedAt: '2024-12-01T00:00:00Z', props: { id: 'case-cypher-new', ringId: f.ringId, status: 'open', version: int(1), reopened: int(0) } }] }),
    check: (r) => expect(updates(r).nodesCreated).toBe(1),
  },
  'cases/addCaseEvents': {
    write: true,
    params: (f) => ({ events: [{ caseId: f.caseId, seq: int(0), props: { id: 'event-cypher-new', at: '2024-12-01T00:00:00Z', by: 'system', kind: 'note' } }] }),
    check: (r) => expect(updates(r)).toMatchObject({ nodesCreated: 1, relationshipsCreated: 1 }),
  },
  'cases/caseById': {
    params: (f) => ({ id: f.caseId, history: int(10) }),
    check: (r, f) => {
      expect(first(r).case).toMatchObject({ id: f.caseId, ringId: f.ringId, status: 'open' });
      expect((first(r).alerts as { id: string }[]).map((a) => a.id)).toEqual([f.alertId]);
      expect((first(r).history as { kind: string }[]).map((e) => e.kind)).toEqual(['opened']);
      expect(plain(first(r).historyTotal)).toBe(1);
    },
  },
  'cases/listCases': {
    params: () => ({ status: 'open', assignee: null, afterAt: null, afterId: null, limit: int(500) }),
    check: (r, f) => expect(plain(rows(r).find((x) => (x.case as { id: string }).id === f.caseId)!.openAlerts)).toBe(1),
  },
  'cases/caseForUpdate': { write: true, params: (f) => ({ id: f.caseId }), check: (r, f) => expect((first(r).case as { id: string }).id).toBe(f.caseId) },
  'cases/caseOfRing': { write: true, params: (f) => ({ ringId: f.ringId }), check: (r, f) => expect((first(r).case as { id: string }).id).toBe(f.caseId) },
  'cases/closeCaseAlerts': { write: true, params: (f) => ({ caseIds: [f.caseId], at: '2024-12-01T00:00:00Z' }), check: (r) => expect(plain(first(r).closed)).toBe(1) },
  'cases/ringState': {
    params: (f) => ({ ringId: f.ringId }),
    check: (r, f) => {
      const ring = first(r).ring as { members: string[]; tools: { kind: string; id: string }[] };
      expect(ring.members).toContain(f.member);
      expect(ring.tools).toContainEqual({ kind: 'phone', id: f.phoneTool });
    },
  },
  'schedule/lastRunStart': { params: () => ({}), check: (r, f) => expect(first(r).runId).toBe(f.runId) },
  'schedule/lastSucceededRunStart': {
    params: () => ({}),
    // The fixture's run succeeded and is the latest, so both statements name its start.
    check: (r) => expect(Date.parse(String(first(r).startedAt))).toBeGreaterThan(Date.parse('2020-01-01T00:00:00Z')),
  },
  'schedule/recordsSince': { params: () => ({ since: null }), check: (r) => expect(plain(first(r).records)).toBeGreaterThan(10_000) },

  'queries/topRings': { params: () => ({}), check: (r, f) => expect(first(r).ring).toBe(f.ringId) },
  'queries/ringMembersAndTools': { params: (f) => ({ ringId: f.ringId }), check: (r) => expect((first(r).members as unknown[]).length).toBeGreaterThan(1) },
  'queries/ringActivity': { params: (f) => ({ ringId: f.ringId }), check: nonEmpty },
  'queries/ringSignals': {
    params: (f) => ({ ringId: f.ringId }),
    check: (r) => {
      expect(r.records.length).toBe(10);
      expect(rows(r).some((x) => x.observed === true && (x.contribution as number) > 0)).toBe(true);
    },
  },
  'queries/borrowerRingEvidence': { params: (f) => ({ borrowerId: f.member }), check: (r, f) => expect(rows(r).find((x) => x.ring === f.ringId)).toMatchObject({ role: expect.any(String) }) },
  'queries/cutHubs': {
    params: () => ({}),
    check: (r, f) => {
      expect(rows(r).length).toBeGreaterThan(0);
      expect(rows(r).every((x) => x.run === f.runId)).toBe(true);
    },
  },
  'gds/version': { gds: { before: [] }, params: () => ({}), check: (r) => expect(first(r).version).toMatch(/^2\.13\./) },
  'gds/heapUsed': {
    params: () => ({}),
    check: (r) => {
      expect(plain(first(r).used)).toBeGreaterThan(0);
      expect(plain(first(r).max)).toBeGreaterThanOrEqual(plain(first(r).used) as number);
    },
  },
  'gds/projectIdentifiers': {
    gds: { before: [] },
    params: () => GDS_PARAMS,
    check: (r) => {
      expect(first(r).graphName).toBe(GDS_PARAMS.graphName);
      // 2,500 borrowers, most with a phone and a handset of their own that nobody else used.
      expect(plain(first(r).nodeCount)).toBeGreaterThan(2500);
      expect(plain(first(r).relationshipCount)).toBeGreaterThan(2500);
    },
  },
  'gds/wccMutate': {
    gds: { before: ['gds/projectIdentifiers'] },
    params: () => GDS_PARAMS,
    check: (r) => expect(plain(first(r).componentCount)).toBeGreaterThan(100),
  },
  'gds/nodeSimilarityMutate': {
    gds: { before: ['gds/projectIdentifiers', 'gds/wccMutate'] },
    params: () => GDS_PARAMS,
    check: (r) => expect(plain(first(r).relationshipsWritten)).toBeGreaterThan(0),
  },
  'gds/degreeMutate': {
    gds: { before: ['gds/projectIdentifiers', 'gds/wccMutate', 'gds/nodeSimilarityMutate'] },
    params: () => GDS_PARAMS,
    check: (r) => expect(plain(first(r).nodePropertiesWritten)).toBeGreaterThan(0),
  },
  'gds/louvainMembers': {
    gds: { before: ['gds/projectIdentifiers', 'gds/wccMutate', 'gds/nodeSimilarityMutate', 'gds/degreeMutate'] },
    params: () => GDS_PARAMS,
    check: (r, f) => {
      // The ring ringsight found first shares its agent's tools, so the peer's clusters hold its member.
      expect(rows(r).map((x) => x.borrowerId)).toContain(f.member);
      const sizes = new Map<unknown, number>();
      for (const x of rows(r)) sizes.set(plain(x.cluster), (sizes.get(plain(x.cluster)) ?? 0) + 1);
      expect(Math.min(...sizes.values())).toBeGreaterThanOrEqual(3);
      expect(rows(r).every((x) => typeof x.score === 'number' && (x.score as number) > 0)).toBe(true);
    },
  },
  'gds/graphSize': {
    gds: { before: ['gds/projectIdentifiers'] },
    params: () => GDS_PARAMS,
    check: (r) => expect(plain(first(r).sizeInBytes)).toBeGreaterThan(0),
  },
  'gds/dropGraph': {
    gds: { before: ['gds/projectIdentifiers'] },
    params: () => GDS_PARAMS,
    check: (r) => expect(first(r).graphName).toBe(GDS_PARAMS.graphName),
  },

  'queries/sharedOperatorClusters': { params: () => ({}), check: (r) => expect(rows(r).every((x) => typeof x.cluster === 'string')).toBe(true) },
};

/** What src/gds/runGdsPipeline.ts passes, with the peer's default options. */
const GDS_PARAMS = { graphName: 'cypher-test-peer', maxIdentifierBorrowers: int(20), topK: int(15), similarityCutoff: 1e-42, minClusterSize: int(3) };
const gds = gdsOnTestServer();
const needsGds = (name: string) => CASES[name]?.gds !== undefined;

let db: GraphDatabase;
let fixture: Fixture;
const query = (statement: string, params: Record<string, unknown> = {}) => db.driver.executeQuery(statement, params, { database: db.settings.database });

beforeAll(async () => {
  db = await openTestDatabase();
  await ingestBatch(new Neo4jIngestStore(db), generateScenario({ borrowers: 2500, seed: 3 }).evidence);
  // Deliverable alerts, as with a webhook configured, so the delivery statements find them.
  const summary = await runAnalysis(new Neo4jAnalysisStore(db), { options: { seed: 1 } }, undefined, undefined, alertsOnRingsReplaced(new Neo4jAlertStore(db, true), undefined, (e) => { throw e; }));
  const ringId = summary.topRings[0]!.id;
  const pick = async (statement: string, params: Record<string, unknown> = {}) => (await query(statement, params)).records[0]?.get(0) as string | null;
  fixture = {
    ringId,
    runId: summary.runId,
    member: (await pick('MATCH (b:Borrower)-[m:MEMBER_OF]->(:Ring {id: $ringId}) RETURN b.id ORDER BY m.weight DESC, b.id LIMIT 1', { ringId }))!,
    phoneTool: (await pick("MATCH (:Ring {id: $ringId})-[:USES_TOOL]->(p:Phone) RETURN p.number LIMIT 1", { ringId }))!,
    deviceTool: (await pick("MATCH (:Ring {id: $ringId})-[:USES_TOOL]->(d:Device) RETURN d.id LIMIT 1", { ringId }))!,
    hubDevice: await pick('MATCH (:AnalysisRun)-[:TREATED_AS_HUB]->(d:Device) RETURN d.id LIMIT 1'),
    complaintId: (await pick('MATCH (c:Complaint) RETURN c.id ORDER BY c.id LIMIT 1'))!,
    callId: (await pick('MATCH (k:Call) RETURN k.id ORDER BY k.id LIMIT 1'))!,
    adSourceId: (await pick('MATCH (a:AdSource) RETURN a.id ORDER BY a.id LIMIT 1'))!,
    channelId: (await pick('MATCH (c:ComplaintChannel) RETURN c.id ORDER BY c.id LIMIT 1'))!,
    name: (await pick('MATCH (b:Borrower) WHERE b.name IS NOT NULL RETURN substring(b.name, 0, 2) ORDER BY b.id LIMIT 1'))!,
    alertId: (await pick('MATCH (a:Alert {ringId: $ringId}) RETURN a.id', { ringId }))!,
    caseId: (await pick('MATCH (c:Case {ringId: $ringId}) RETURN c.id', { ringId }))!,
  };
  await query("CREATE (:Review {id: 'rev-fixture', ringId: $ringId, verdict: 'investigating', note: '', at: '2024-03-01T00:00:00Z', by: 'investigator:abc'})", { ringId });
  await query("CREATE (:AuditEvent {id: 'ev-cypher-fixture', at: datetime('2030-01-01T00:00:00Z'), role: 'admin', method: 'GET', route: '/v1/rings', status: 200})");
}, 180_000);
afterAll(() => db.close());

describe('cypher/', () => {
  it('when the folder is listed, then every file has a case in this test', () => {
    expect(listCypherFiles().filter((name) => !(name in CASES))).toEqual([]);
  });

  it('when the fixture is read, then every key it needs was found in the analysed graph', () => {
    expect(Object.entries(fixture).filter(([key, value]) => value === null && key !== 'hubDevice')).toEqual([]);
  });

  // Every run as it starts, and the server every minute, look for runs still running among
  // every run ever recorded: a label scan there would grow with the platform's history.
  it('when the runs still running are looked for, then Neo4j seeks them in the status index', async () => {
    type Step = { operatorType: string; arguments: Record<string, unknown>; children: Step[] };
    const steps = (step: Step): Step[] => [step, ...step.children.flatMap(steps)];
    const { summary } = await query(`EXPLAIN ${cypher('analysis/abandonedRuns')}`, { leaseMs: int(300_000) });
    const operators = steps(summary.plan as unknown as Step).map((step) => `${step.operatorType.split('@')[0]} ${String(step.arguments.Details ?? '')}`);
    expect(operators).toContainEqual(expect.stringMatching(/^NodeIndexSeek .*AnalysisRun\(status\)/));
  });

  const runnable = listCypherFiles().filter((name) => name in CASES && (gds.available || !needsGds(name)));
  const withoutGds = listCypherFiles().filter((name) => needsGds(name) && !gds.available);
  it.each(runnable)('when %s runs on the analysed graph, then it finds or writes what it should', async (name) => {
    const { params, check, write, first: builds, gds: steps } = CASES[name]!;
    try {
      for (const step of steps?.before ?? []) await query(cypher(step), params(fixture));
      await runCase(name, params, check, write, builds);
    } finally {
      if (steps) await query(cypher('gds/dropGraph'), GDS_PARAMS);
    }
  }, 60_000);

  // jest decides what runs when the file loads; these show as skipped, and the summary of
  // scripts/test.mjs says why, so a run without GDS never reads as complete.
  if (withoutGds.length > 0) it.skip.each(withoutGds)(`${GDS_TEST_TAG} when %s runs on the analysed graph (skipped: ${gds.available ? '' : gds.reason})`, () => undefined);
});

/** Reads are checked as they come back; writes run in a transaction rolled back after their counters are checked. */
async function runCase(name: string, params: Case['params'], check: Case['check'], write: boolean | undefined, builds: Case['first']): Promise<void> {
  for (const statement of statementsOf(cypher(name))) {
    if (!write) {
      check(await query(statement, params(fixture)), fixture);
      continue;
    }
    const session = db.driver.session({ database: db.settings.database });
    const tx = session.beginTransaction();
    try {
      for (const [before, beforeParams] of builds?.(fixture) ?? []) await tx.run(cypher(before), beforeParams);
      check(await tx.run(statement, params(fixture)), fixture);
    } finally {
      await tx.rollback();
      await session.close();
    }
  }
}
