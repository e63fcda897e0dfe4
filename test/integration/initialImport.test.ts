import { appendFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BulkLoadError, bulkLoad } from '../../src/ingest/bulkLoad';
import { DatabaseNotEmptyError, initialImport, prepareImport } from '../../src/ingest/initialImport';
import { clearGraph } from '../../src/neo4j/clearGraph';
import { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { ensureLocalNeo4j, INSTANCES, portOpen, runsHere, stopLocalNeo4j } from '../../src/neo4j/localServer';
import { profileParams } from '../../src/scenario/profiles';
import { writeScenario } from '../../src/scenario/writeScenario';
import { Neo4jIngestStore } from '../../src/neo4j/ingestStore';
import { ndjsonLines } from '../../src/bulk/recordFileWriter';
import { graphSnapshot } from './support/graphSnapshot';

/**
 * The offline import (npm run load -- --initial) must build exactly the graph the
 * transactional loader builds from the same files. One field-profile scenario (raw phone
 * forms) plus records chosen to be awkward (quotes, commas and line breaks in text, empty
 * strings, -0 and huge floats, offsets and nanoseconds, sightings that tie on one instant
 * in two offsets, repeats) is loaded both ways into the `importtest` instance, which the
 * import stops and restarts; the two graphs are compared whole: every data label and
 * relationship type counted, every node's and relationship's properties with their types.
 * IngestStamp nodes are bookkeeping (a version counter for the API's caches), not data:
 * the loader leaves one per transaction and the import one per kind, so the test only
 * asks that the import leaves at least one.
 */
const instance = INSTANCES.importtest;
const log = (line: string) => process.stderr.write(`${line}\n`);
const BOOKKEEPING = 'IngestStamp';

let db: GraphDatabase;
let folder: string;

async function query(statement: string): Promise<Record<string, unknown>[]> {
  const { records } = await db.driver.executeQuery(statement, {}, { database: 'neo4j' });
  return records.map((r) => r.toObject());
}

const snapshot = () => graphSnapshot(db);

/** Records the generator never writes, each exercising something the CSV files or the folding could get wrong. */
function appendAwkwardRecords(into: string): void {
  appendFileSync(join(into, 'borrowers.ndjson'), ndjsonLines([
    { id: 'odd-1', name: 'Wang, "the elder"\nsecond line', idNumberHash: '', registeredAt: '2023-04-01T10:00:00.123456789-03:30', overdueDays: 0, outstandingPrincipal: -0 },
    { id: 'odd-2', name: '', outstandingPrincipal: 1e21, overdueDays: 9_007_199_254_740_991 },
    { id: 'odd-2', name: '', outstandingPrincipal: 1e21, overdueDays: 9_007_199_254_740_991 },
    { id: '  odd-3  ', name: ' padded ', registeredAt: '2024-02-29T23:59:59Z', outstandingPrincipal: 0.1 },
  ]));
  appendFileSync(join(into, 'adSources.ndjson'), ndjsonLines([{ id: 'odd-ad', kind: 'other', label: 'a "flyer", with commas\r\nand a CRLF' }]));
  appendFileSync(join(into, 'phoneLinks.ndjson'), ndjsonLines([
    { borrowerId: 'odd-1', phone: '138 1234 5678', role: 'registered' },
    { borrowerId: 'odd-1', phone: '+86 138-1234-5678', role: 'contact' },
    { borrowerId: 'odd-1', phone: '13812345678' },
    { borrowerId: 'odd-2', phone: '(+86) 13812345678', role: 'contact' },
  ]));
  appendFileSync(join(into, 'deviceLinks.ndjson'), ndjsonLines([
    { borrowerId: 'odd-1', deviceId: 'odd-dev' },
    { borrowerId: 'odd-1', deviceId: 'odd-dev', seenAt: '2024-01-01T10:00:00+02:00' },
    { borrowerId: 'odd-1', deviceId: 'odd-dev', seenAt: '2024-01-01T08:00:00Z' },
    { borrowerId: 'odd-1', deviceId: 'odd-dev', seenAt: '2024-01-01T07:00:00-01:00' },
    { borrowerId: 'odd-1', deviceId: 'odd-dev', seenAt: '2024-01-01T13:30:00.000000001+05:30' },
    { borrowerId: 'odd-2', deviceId: 'odd-dev' },
  ]));
  appendFileSync(join(into, 'recruitments.ndjson'), ndjsonLines([{ borrowerId: 'odd-3', adSourceId: 'odd-ad' }, { borrowerId: 'odd-3', adSourceId: 'odd-ad' }]));
  appendFileSync(join(into, 'complaints.ndjson'), ndjsonLines([
    { id: 'odd-c1', borrowerId: 'odd-1', channelId: 'ch-reg-nfra', text: '退还本金, "利息"\n并赔偿', claim: '', phone: '138 1234 5678', deviceId: 'odd-dev' },
    { id: 'odd-c1', borrowerId: 'odd-1', channelId: 'ch-reg-nfra', text: '退还本金, "利息"\n并赔偿', claim: '', phone: '138 1234 5678', deviceId: 'odd-dev' },
  ]));
  appendFileSync(join(into, 'calls.ndjson'), ndjsonLines([
    { id: 'odd-k1', borrowerId: 'odd-2', phone: '0086 138 1234 5678', voiceprintId: 'odd-voice', voiceMatch: false, identityVerified: true, at: '2024-03-01T09:00:00.5+08:00' },
    { id: 'odd-k2', borrowerId: 'odd-3' },
  ]));
}

beforeAll(async () => {
  // The test clears the instance's database twice; another checkout's Neo4j on the same port would lose its data.
  if ((await portOpen(instance.boltPort)) && !runsHere(instance)) {
    throw new Error(`A Neo4j this checkout did not start answers on the import test's port ${instance.boltPort}; the import test wipes its database, so it leaves it alone`);
  }
  const server = await ensureLocalNeo4j(instance, log);
  db = new GraphDatabase({ uri: server.uri, user: server.user, password: server.password, database: 'neo4j' });
  await db.applySchema();
  folder = mkdtempSync(join(tmpdir(), 'ringsight-import-'));
  await writeScenario(profileParams('field', 3_000, 7), folder);
  appendAwkwardRecords(folder);
}, 180_000);

// On CI the instance is stopped as soon as this file is done rather than by the global
// teardown, so the rest of the suite runs without it.
afterAll(async () => {
  await db?.close();
  if (process.env.CI) await stopLocalNeo4j(instance, log);
}, 120_000);

describe('first load at import speed', () => {
  it('when one scenario is loaded by the transactional loader and by the offline import, then the two graphs are the same', async () => {
    await clearGraph(db);
    // One side checks records on this thread, the other on worker threads: both must build one graph.
    const loaded = await bulkLoad(new Neo4jIngestStore(db), folder, { workers: 0 });
    const expected = await snapshot();
    expect(expected.counts[':Borrower']).toBe(3_003);

    await clearGraph(db);
    const imported = await initialImport(instance, 'neo4j', folder, { log, workers: 2 });
    await db.close();
    db = new GraphDatabase(db.settings);
    expect(imported.total).toBe(loaded.total);
    const actual = await snapshot();
    expect(actual.counts).toEqual(expected.counts);
    expect(actual.nodes).toEqual(expected.nodes);
    expect(actual.relationships).toEqual(expected.relationships);
    expect(actual.schema).toEqual(expected.schema);
    const stamps = await query(`MATCH (s:${BOOKKEEPING}) RETURN count(s) AS n`);
    expect(Number(stamps[0]!.n)).toBeGreaterThanOrEqual(1);

    // The importer wrote each node where the id the converter gave it says: nodes written
    // afterwards through transactions must find their own ids, never an imported node's.
    const more = mkdtempSync(join(tmpdir(), 'ringsight-import-more-'));
    const [someone, somePhone] = (await query('MATCH (b:Borrower)-[:HAS_PHONE]->(p:Phone) RETURN b.id AS b, p.number AS p LIMIT 1')).map((r) => [r.b as string, r.p as string])[0]!;
    appendFileSync(join(more, 'borrowers.ndjson'), ndjsonLines(Array.from({ length: 40 }, (_, i) => ({ id: `after-${i}`, name: `after ${i}` }))));
    appendFileSync(join(more, 'phoneLinks.ndjson'), ndjsonLines(Array.from({ length: 40 }, (_, i) => ({ borrowerId: `after-${i}`, phone: i % 2 ? somePhone : `+86139000000${String(i).padStart(2, '0')}`, role: 'contact' }))));
    appendFileSync(join(more, 'calls.ndjson'), ndjsonLines([{ id: 'after-call', borrowerId: someone, phone: somePhone, voiceMatch: false }]));
    await bulkLoad(new Neo4jIngestStore(db), more, { workers: 0 });
    const after = await snapshot();
    expect(after.counts[':Borrower']).toBe(3_003 + 40);
    expect(after.counts[':Call']).toBe(actual.counts[':Call']! + 1);
    const missing = (lines: string[], from: string[]) => ((kept) => lines.filter((line) => !kept.has(line)))(new Set(from));
    expect(missing(actual.nodes, after.nodes)).toEqual([]);
    expect(missing(actual.relationships, after.relationships)).toEqual([]);
    expect(after.nodes.length).toBe(actual.nodes.length + 40 + 20 + 1);
  }, 300_000);

  it('when a record is invalid, then the problem is named and none of the import files is left behind', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'ringsight-import-bad-'));
    appendFileSync(join(bad, 'borrowers.ndjson'), ndjsonLines(Array.from({ length: 3_000 }, (_, i) => ({ id: `x${i}` }))));
    appendFileSync(join(bad, 'calls.ndjson'), ndjsonLines([{ id: 'k1', borrowerId: 'x1' }, { id: 'k2', borrowerId: 'x2', at: 'yesterday' }]));
    const filesDir = mkdtempSync(join(tmpdir(), 'ringsight-import-files-'));

    const error = await prepareImport(db, bad, filesDir, { requireEmpty: false, workers: 2 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BulkLoadError);
    expect((error as BulkLoadError).problems).toEqual([{ file: join(bad, 'calls.ndjson'), line: 2, path: 'at', message: expect.any(String) }]);
    expect(readdirSync(filesDir)).toEqual([]);
  }, 60_000);

  it('when the database already holds data, then the import is refused with a message saying why, and nothing changes', async () => {
    const before = await snapshot();
    const error = await initialImport(instance, 'neo4j', folder, { log }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseNotEmptyError);
    expect((error as Error).message).toMatch(/already holds [\d,]+ nodes.*only loads into an empty database/s);
    expect(await snapshot()).toEqual(before);
  }, 120_000);

  it('when a record is invalid, then the local import refuses the files and the server still answers with its graph untouched', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'ringsight-import-bad-'));
    appendFileSync(join(bad, 'borrowers.ndjson'), ndjsonLines([{ id: 'y1' }, { id: 'y2', overdueDays: -3 }]));
    await clearGraph(db);

    const error = await initialImport(instance, 'neo4j', bad, { log }).catch((e: unknown) => e);
    await db.close();
    db = new GraphDatabase(db.settings);

    expect(error).toBeInstanceOf(BulkLoadError);
    expect((error as BulkLoadError).problems).toEqual([{ file: join(bad, 'borrowers.ndjson'), line: 2, path: 'overdueDays', message: expect.any(String) }]);
    expect(Number((await query('MATCH (n) RETURN count(n) AS n'))[0]!.n)).toBe(0);
  }, 120_000);
});
