import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BulkLoadError, BulkWriteError, bulkLoad, type LoadPhase } from '../../src/ingest/bulkLoad';
import { ingestBatch } from '../../src/ingest/ingestBatch';
import { countGraph } from '../../src/neo4j/graphCounts';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { smallBatch } from '../fixtures/smallBatch';
import { clearGraph, openTestDatabase } from './support/testDatabase';
import { Neo4jIngestStore } from '../../src/neo4j/ingestStore';

let db: GraphDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
beforeEach(() => clearGraph(db));
afterAll(() => db.close());

function folderWith(files: Record<string, string[]>): string {
  const folder = mkdtempSync(join(tmpdir(), 'ringsight-hardening-'));
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(folder, name), lines.map((l) => `${l}\n`).join(''));
  return folder;
}
const ndjson = (records: object[]) => records.map((r) => JSON.stringify(r));
const borrowers = (n: number) => ndjson(Array.from({ length: n }, (_, i) => ({ id: `lb${i}` })));
const problemsOf = async (folder: string, workers?: number) => ((await bulkLoad(new Neo4jIngestStore(db), folder, { workers }).catch((e: unknown) => e)) as BulkLoadError).problems;

describe('bulk load: validate everything, write nothing if anything is wrong', () => {
  it('when a later file holds a date-time Neo4j would refuse, then it is reported by file:line and no earlier batch is written', async () => {
    const folder = folderWith({
      'borrowers.ndjson': borrowers(25_000),
      'deviceLinks.ndjson': ndjson([{ borrowerId: 'lb1', deviceId: 'd1', seenAt: '2024-01-01T00:00:00Z' }, { borrowerId: 'lb2', deviceId: 'd1', seenAt: '2024-01-01T00:00:00+23:00' }]),
    });
    const problems = await problemsOf(folder);
    expect(problems).toEqual([{ file: join(folder, 'deviceLinks.ndjson'), line: 2, path: 'seenAt', message: expect.stringContaining('±18:00') }]);
    expect((await countGraph(db)).nodes.Borrower).toBe(0);
  }, 60_000);

  it.each([0, 2])('when one borrower id comes twice with different fields (records checked on %i worker threads), then both lines and the differing field are named', async (workers) => {
    const folder = folderWith({ 'borrowers.ndjson': ndjson([{ id: 'b1', overdueDays: 3 }, { id: 'b2' }, { id: 'b1', overdueDays: 30 }, { id: 'b2' }]) });
    expect(await problemsOf(folder, workers)).toEqual([
      { file: join(folder, 'borrowers.ndjson'), line: 3, message: expect.stringMatching(/borrower id "b1" as line 1, but differs in overdueDays/) },
    ]);
    expect((await countGraph(db)).nodes.Borrower).toBe(0);
  });

  it('when one call id is used for two borrowers, then the second line is refused naming the first', async () => {
    const folder = folderWith({
      'borrowers.ndjson': ndjson([{ id: 'b1' }, { id: 'b2' }]),
      'calls.ndjson': ndjson([{ id: 'k1', borrowerId: 'b1' }, { id: 'k1', borrowerId: 'b2' }]),
    });
    expect(await problemsOf(folder)).toEqual([{ file: join(folder, 'calls.ndjson'), line: 2, message: expect.stringMatching(/call id "k1" as line 1, but differs in borrowerId/) }]);
  });

  it.each([0, 2])('when a call already stored for one borrower is loaded for another (records checked on %i worker threads), then it is refused before anything is written', async (workers) => {
    await ingestBatch(new Neo4jIngestStore(db), smallBatch());
    const before = await countGraph(db);
    const folder = folderWith({ 'borrowers.ndjson': ndjson([{ id: 'b-new' }]), 'calls.ndjson': ndjson([{ id: 'k1', borrowerId: 'b2' }]) });
    expect(await problemsOf(folder, workers)).toEqual([
      { file: join(folder, 'calls.ndjson'), line: 1, path: 'borrowerId', message: expect.stringContaining('call "k1" is already stored with borrowerId "b1"') },
    ]);
    expect(await countGraph(db)).toEqual(before);
  });

  it('when two ids became one as lone surrogates were written to UTF-8, then the rows are a conflicting repeat, not a merge', async () => {
    // A lone surrogate has no UTF-8 form: Node writes U+FFFD, so the file holds one id twice with different names.
    const folder = folderWith({ 'borrowers.csv': ['id,name', 'sur-\ud800,a', 'sur-\udfff,b'] });
    const problems = await problemsOf(folder);
    expect(problems).toEqual([{ file: join(folder, 'borrowers.csv'), line: 3, message: expect.stringContaining('differs in name') }]);
  });
});

describe('bulk load: progress and failures that say what happened', () => {
  it('when a load runs, then the validating phase starts at once and writing starts exactly when validation ends', async () => {
    const events: { phase: LoadPhase; done: number; at: number }[] = [];
    // The clock starts once the 30,000-line file is on disk: writing it is the test's own set-up, not the loader's start.
    const folder = folderWith({ 'borrowers.ndjson': borrowers(30_000) });
    const startedAt = Date.now();
    const summary = await bulkLoad(new Neo4jIngestStore(db), folder, { onProgress: (phase, done) => events.push({ phase, done, at: Date.now() }) });
    expect(events[0]).toMatchObject({ phase: 'validating', done: 0 });
    expect(events[0]!.at - startedAt).toBeLessThan(20);
    const writing = events.find((e) => e.phase === 'writing')!;
    expect(writing.done).toBe(0);
    expect(Math.abs(writing.at - events[0]!.at - summary.validateMs)).toBeLessThan(50);
  }, 60_000);

  // The second write transaction fails. One writer: it is the second batch of 10,000 lines.
  // Two: it is the second lane of the first window of 20,000 lines, whose lines are not a
  // range of their own (records go to lanes by the nodes they share), so the window is named.
  it.each([
    { writers: 1, fromLine: 10_001 },
    { writers: 2, fromLine: 1 },
  ])('when the database fails mid-write ($writers writer(s)), then the error says what was committed, where it stopped, that re-running is safe; and a re-run completes', async ({ writers, fromLine }) => {
    const folder = folderWith({ 'borrowers.ndjson': borrowers(25_000) });
    let writes = 0;
    const failing = Object.create(db) as GraphDatabase;
    failing.write = (work) => (++writes === 2 ? Promise.reject(Object.assign(new Error('connection lost'), { code: 'Neo.ClientError.Test' })) : db.write(work));
    const error = await bulkLoad(new Neo4jIngestStore(failing), folder, { writers }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BulkWriteError);
    const { failedAt, committed, message } = error as BulkWriteError;
    expect(failedAt).toEqual({ kind: 'borrowers', file: join(folder, 'borrowers.ndjson'), fromLine, toLine: 20_000 });
    expect(committed.borrowers).toBe(10_000);
    expect(message).toContain('Committed before it: 10,000 borrowers');
    expect(message).toContain('run the same command again');
    expect((await countGraph(db)).nodes.Borrower).toBe(10_000);

    await bulkLoad(new Neo4jIngestStore(db), folder);
    expect((await countGraph(db)).nodes.Borrower).toBe(25_000);
  }, 60_000);
});
