import neo4j from 'neo4j-driver';
import { cypher, listCypherFiles, statementsOf } from '../../src/neo4j/cypherFiles';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { ingestBatch } from '../../src/ingest/ingestBatch';
import { smallBatch } from '../fixtures/smallBatch';
import { openTestDatabase } from './support/testDatabase';

/**
 * Every .cypher file in cypher/ runs against the real database, so none can drift out of
 * date unnoticed. A new file must be given parameters here, or this test fails.
 */
const PARAMETERS: Record<string, Record<string, unknown>> = {
  schema: {},
  'ingest/borrowers': { rows: [{ id: 'b1', name: 'Li Wei', idNumberHash: null, registeredAt: null, overdueDays: null, outstandingPrincipal: null }] },
  'ingest/adSources': { rows: [{ id: 'ad1', kind: 'street_flyer', label: null }] },
  'ingest/complaintChannels': { rows: [{ id: 'ch1', name: null, kind: 'regulator' }] },
  'ingest/phoneLinks': { rows: [{ borrowerId: 'b1', phone: '+8613800000000', role: 'registered' }] },
  'ingest/deviceLinks': { rows: [{ borrowerId: 'b1', deviceId: 'd1', seenAt: '2024-01-02T10:00:00Z' }] },
  'ingest/recruitments': { rows: [{ borrowerId: 'b1', adSourceId: 'ad1', at: null }] },
  'ingest/complaints': { rows: [{ id: 'c1', borrowerId: 'b1', channelId: 'ch1', filedAt: null, phone: null, deviceId: 'd1', claim: null, text: null }] },
  'ingest/calls': { rows: [{ id: 'k1', borrowerId: 'b1', at: null, phone: '+8613900000000', voiceprintId: 'v1', voiceMatch: false, identityVerified: null }] },
  'ingest/existingBorrowerIds': { ids: ['b1', 'nobody'] },
  'ingest/complaintConflicts': { rows: [{ id: 'c1', borrowerId: 'b2', channelId: 'ch1', phone: null, deviceId: 'd1' }] },
  'ingest/callConflicts': { rows: [{ id: 'k1', borrowerId: 'b1', phone: '+8613800000000', voiceprintId: null }] },
  'ingest/existingAdSourceIds': { ids: ['ad1'] },
  'ingest/existingComplaintChannelIds': { ids: ['ch1'] },
  'ingest/storedEventCounts': {},
  'ingest/graphSize': {},
  'api/listRings': { kind: 'complaintCampaign', minScore: null, afterScore: 0.9, afterId: 'ring-test', limit: neo4j.int(10), tools: neo4j.int(3) },
  'api/ringDossier': { id: 'ring-test', members: neo4j.int(10), limit: neo4j.int(10) },
  'api/ringVersion': { id: 'ring-test' },
  'api/ringMembers': { id: 'ring-test', afterWeight: null, afterId: null, limit: neo4j.int(10) },
  'api/createReview': { review: { id: 'rev-1', ringId: 'ring-test', verdict: 'confirmed', note: '', at: '2024-03-01T00:00:00Z', by: 'investigator:abc' } },
  'api/ringGraph': { id: 'ring-test', members: neo4j.int(10), rows: neo4j.int(100) },
  'api/borrowerById': { id: 'b1' },
  'api/borrowerToolLinks': { id: 'b1', limit: neo4j.int(10) },
  'api/phoneById': { id: '+8613800000000' },
  'api/phoneLinks': { id: '+8613800000000', limit: neo4j.int(10) },
  'api/deviceById': { id: 'd1' },
  'api/deviceLinks': { id: 'd1', limit: neo4j.int(10) },
  'api/search': { text: 'Li', phone: null, byName: true, limit: neo4j.int(10) },
  'api/writeAuditEvents': { events: [{ id: 'ev1', at: '2024-03-01T00:00:00Z', role: 'admin', keyFingerprint: 'abc', credential: 'valid', method: 'GET', route: '/v1/rings', status: neo4j.int(200), records: neo4j.int(3), durationMs: 1.5 }] },
  'api/auditEvents': { afterAt: '2030-01-01T00:00:00Z', afterId: 'z', limit: neo4j.int(10) },
  'api/schemaIndexes': {},
  'evidence/borrowers': {},
  'evidence/adSources': {},
  'evidence/complaintChannels': {},
  'evidence/phoneLinks': {},
  'evidence/deviceLinks': {},
  'evidence/recruitments': {},
  'evidence/complaints': {},
  'evidence/calls': {},
  'analysis/previousRings': {},
  'analysis/deleteRings': {},
  'analysis/startRun': { id: 'run-cypher-test', props: { startedAt: '2024-03-01T00:00:00Z', codeVersion: 'test', option_seed: neo4j.int(1) } },
  'analysis/finishRun': { id: 'run-cypher-test', props: { finishedAt: '2024-03-01T00:01:00Z', written: neo4j.int(1) } },
  'analysis/failRun': { id: 'run-cypher-failed', finishedAt: '2024-03-01T00:01:00Z', error: 'test' },
  'analysis/runById': { id: 'run-cypher-test' },
  'analysis/latestRuns': { limit: neo4j.int(5) },
  'analysis/runTopRings': { id: 'run-cypher-test', limit: neo4j.int(5) },
  'analysis/createRings': { runId: 'run-cypher-test', rings: [{ id: 'ring-test', kind: 'complaintCampaign', score: 0.9, suspected: true }] },
  'analysis/linkSignals': { signals: [{ ringId: 'ring-test', name: 'sharedVoice', props: { observed: true, value: 1, weight: 0.2, contribution: 0.2, count: neo4j.int(1), of: neo4j.int(1) } }] },
  'analysis/linkMembers': { members: [{ ringId: 'ring-test', borrowerId: 'b1', props: { role: 'operated', weight: 1, tieKinds: ['voice'], tieIds: ['v1'], tieUsages: ['callVoice'], tieSharedWith: [neo4j.int(1)], tieDegree: [neo4j.int(2)] } }] },
  'analysis/linkTools': { tools: [{ ringId: 'ring-test', kind: 'voice', id: 'v1', props: { kind: 'voice', rank: neo4j.int(1), members: neo4j.int(1), degree: neo4j.int(2), usages: ['callVoice'] } }] },
  'analysis/linkHubs': { runId: 'run-cypher-test', hubs: [{ kind: 'device', id: 'd1', props: { action: 'cut', degree: neo4j.int(2), usage: 'passive', limit: neo4j.int(12), specificity: null } }] },
  'ingest/stamp': { kind: 'borrowers', records: neo4j.int(1) },
  'queries/topRings': {},
  'queries/ringMembersAndTools': { ringId: 'ring-test' },
  'queries/ringActivity': { ringId: 'ring-test' },
  'queries/borrowerRingEvidence': { borrowerId: 'b1' },
  'queries/cutHubs': {},
};

let db: GraphDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
  await ingestBatch(db, smallBatch());
});
afterAll(() => db.close());

describe('cypher/', () => {
  it('when the folder is listed, then every file has parameters in this test', () => {
    expect(listCypherFiles().filter((name) => !(name in PARAMETERS))).toEqual([]);
  });

  it.each(listCypherFiles())('when %s runs against the real database, then it succeeds', async (name) => {
    const params = PARAMETERS[name] ?? {};
    for (const statement of statementsOf(cypher(name))) {
      await expect(db.driver.executeQuery(statement, params, { database: db.settings.database })).resolves.toBeDefined();
    }
  });
});
