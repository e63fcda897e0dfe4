import { mkdtempSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RECORD_KINDS, IngestBatchSchema, type IngestBatch } from '../../src/contract/ingestBatch';
import { createRecordFileWriter } from '../../src/bulk/recordFileWriter';
import type { RecordFormat } from '../../src/bulk/recordFiles';
import { BulkLoadError, bulkLoad } from '../../src/ingest/bulkLoad';
import { ingestBatch } from '../../src/ingest/ingestBatch';
import { countGraph } from '../../src/neo4j/graphCounts';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { profileParams } from '../../src/scenario/profiles';
import { writeScenario } from '../../src/scenario/writeScenario';
import { smallBatch } from '../fixtures/smallBatch';
import { graphSnapshot } from './support/graphSnapshot';
import { clearGraph, openTestDatabase } from './support/testDatabase';
import { Neo4jIngestStore } from '../../src/neo4j/ingestStore';

let db: GraphDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
beforeEach(() => clearGraph(db));
afterAll(() => db.close());

async function writeFolder(batch: IngestBatch, format: RecordFormat): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'ringsight-load-'));
  for (const kind of RECORD_KINDS) {
    const records = batch[kind];
    if (!records?.length) continue;
    const writer = await createRecordFileWriter(folder, kind, format);
    await writer.write(records as never);
    await writer.close();
  }
  return folder;
}

const parsedSmallBatch = () => IngestBatchSchema.parse(smallBatch());

describe('bulk load', () => {
  it.each(['ndjson', 'csv'] as const)('when %s files are loaded, then the graph matches what the HTTP API writes for the same batch', async (format) => {
    await ingestBatch(new Neo4jIngestStore(db), smallBatch());
    const viaHttpPath = await countGraph(db);
    await clearGraph(db);

    const progress: number[] = [];
    const summary = await bulkLoad(new Neo4jIngestStore(db), await writeFolder(parsedSmallBatch(), format), { onProgress: (_p, done) => progress.push(done) });
    expect(summary.total).toBe(14);
    expect(progress.at(-1)).toBe(14);
    expect(await countGraph(db)).toEqual(viaHttpPath);
    // The first statements on a server just started, maybe beside another suite's server starting, take seconds.
  }, 30_000);

  it('when the same files are loaded twice, then counts stay the same', async () => {
    const folder = await writeFolder(parsedSmallBatch(), 'ndjson');
    await bulkLoad(new Neo4jIngestStore(db), folder);
    const before = await countGraph(db);
    const again = await bulkLoad(new Neo4jIngestStore(db), folder);
    expect(again.written).toMatchObject({ nodesCreated: 0, relationshipsCreated: 0 });
    expect(await countGraph(db)).toEqual(before);
  });

  it('when a line is invalid, then the error names the file and line, and nothing is written', async () => {
    const folder = await writeFolder(parsedSmallBatch(), 'ndjson');
    appendFileSync(join(folder, 'calls.ndjson'), '{"id":"k9","borrowerId":"b1","voiceMatch":"maybe"}\n');
    const error = await bulkLoad(new Neo4jIngestStore(db), folder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BulkLoadError);
    expect((error as BulkLoadError).problems).toEqual([
      { file: join(folder, 'calls.ndjson'), line: 2, path: 'voiceMatch', message: expect.any(String) },
    ]);
    expect((await countGraph(db)).nodes.Borrower).toBe(0);
  });

  it('when a line is not JSON, then the error names the file and line', async () => {
    const folder = await writeFolder(parsedSmallBatch(), 'ndjson');
    appendFileSync(join(folder, 'borrowers.ndjson'), '{"id": "b9",\n');
    const error = (await bulkLoad(new Neo4jIngestStore(db), folder).catch((e: unknown) => e)) as BulkLoadError;
    expect(error.problems[0]).toMatchObject({ file: join(folder, 'borrowers.ndjson'), line: 4 });
  });

  it('when a record references a borrower neither in the files nor in the graph, then it is reported and nothing is written', async () => {
    const folder = await writeFolder(parsedSmallBatch(), 'csv');
    appendFileSync(join(folder, 'deviceLinks.csv'), 'ghost,d7,\n');
    const error = (await bulkLoad(new Neo4jIngestStore(db), folder).catch((e: unknown) => e)) as BulkLoadError;
    expect(error.problems).toEqual([{ file: join(folder, 'deviceLinks.csv'), line: 4, path: 'borrowerId', message: 'unknown borrower "ghost"' }]);
    expect((await countGraph(db)).nodes.Device).toBe(0);
  });

  it('when links refer to borrowers loaded earlier, then they are accepted', async () => {
    await ingestBatch(new Neo4jIngestStore(db), smallBatch());
    const folder = await writeFolder({ deviceLinks: [{ borrowerId: 'b3', deviceId: 'd3' }] }, 'ndjson');
    await bulkLoad(new Neo4jIngestStore(db), folder);
    expect((await countGraph(db)).relationships.USED_DEVICE).toBe(3);
  });

  it('when one scenario is loaded by one writer and by several on records split by shared nodes, then the two graphs are the same', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ringsight-writers-'));
    await writeScenario(profileParams('field', 4_000, 11), folder);
    const stamps = async () => Number((await db.driver.executeQuery('MATCH (s:IngestStamp) RETURN count(s) AS n', {}, { database: db.settings.database })).records[0]!.get('n'));

    const one = await bulkLoad(new Neo4jIngestStore(db), folder, { writers: 1 });
    const byOne = await graphSnapshot(db);
    const transactionsOfOne = await stamps();
    await clearGraph(db);
    const three = await bulkLoad(new Neo4jIngestStore(db), folder, { writers: 3 });

    expect(await graphSnapshot(db)).toEqual(byOne);
    expect(three.written).toEqual(one.written);
    // One stamp per transaction: the three writers did split the records.
    expect(await stamps()).toBeGreaterThan(transactionsOfOne);
  }, 120_000);

  it('when the number of writers is not a whole number of at least one, then nothing is read or written', async () => {
    const folder = await writeFolder(parsedSmallBatch(), 'ndjson');
    await expect(bulkLoad(new Neo4jIngestStore(db), folder, { writers: 0 })).rejects.toThrow('writers must be a whole number of at least 1, not 0');
    await expect(bulkLoad(new Neo4jIngestStore(db), folder, { writers: 1.5 })).rejects.toThrow(RangeError);
    expect(Object.values((await countGraph(db)).nodes).reduce((a, b) => a + b, 0)).toBe(0);
  });
});
