import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordKind } from '../../src/contract/ingestBatch';
import { ImportFileWriter, importRowsOf } from '../../src/importer/importFiles';

/**
 * The importer's files number every node (`--id-type=actual`): each key gets one id, its
 * row is written once, and relationships name the ids of the rows their keys wrote, in
 * whatever order the records come. The graph the files build is compared with the
 * transactional loader's in test/integration/initialImport.test.ts; this pins the numbering.
 */

async function write(records: [RecordKind, object][]): Promise<{ folder: string; lines: (file: string) => string[] }> {
  const folder = mkdtempSync(join(tmpdir(), 'ringsight-import-files-'));
  const writer = new ImportFileWriter(folder);
  records.forEach(([kind, data], i) => writer.add(kind, 'records.ndjson', i + 1, importRowsOf(kind, data)));
  await writer.finish('2026-01-01T00:00:00Z');
  return { folder, lines: (file) => readFileSync(join(folder, file), 'utf8').trimEnd().split('\n') };
}

/** Key (the first value after the id) → id, from a node file's rows. */
const idsOf = (rows: string[]) => new Map(rows.slice(1).map((row) => [row.split(',')[1]!, row.split(',')[0]!]));

describe('import files numbered for the importer', () => {
  it('when records name a phone several times and calls come before their borrower, then each node is written once and every relationship names its ends by their ids', async () => {
    const { lines } = await write([
      ['calls', { id: 'k1', borrowerId: 'b2', phone: '13812345678' }],
      ['calls', { id: 'k2', borrowerId: 'b2' }],
      ['borrowers', { id: 'b1', name: 'one' }],
      ['phoneLinks', { borrowerId: 'b1', phone: '13812345678', role: 'registered' }],
      ['phoneLinks', { borrowerId: 'b1', phone: '13812345678', role: 'registered' }],
      ['borrowers', { id: 'b2', name: 'two' }],
      ['phoneLinks', { borrowerId: 'b2', phone: '13812345678', role: 'contact' }],
    ]);

    const borrowers = lines('Borrower.csv');
    const phones = lines('Phone.csv');
    expect(borrowers[0]).toBe(':ID,id,name,idNumberHash,registeredAt:datetime,overdueDays:long,outstandingPrincipal:double');
    expect(borrowers).toHaveLength(3);
    expect(phones).toEqual([':ID,number', expect.stringMatching(/^\d+,"13812345678"$/)]);
    const b = idsOf(borrowers);
    const p = idsOf(phones);
    const k = idsOf(lines('Call.csv'));
    expect(lines('HAS_PHONE.csv')).toEqual([':START_ID,:END_ID,role', `${b.get('"b1"')},${p.get('"13812345678"')},"registered"`, `${b.get('"b2"')},${p.get('"13812345678"')},"contact"`]);
    expect(lines('ABOUT.csv')).toEqual([':START_ID,:END_ID', `${k.get('"k1"')},${b.get('"b2"')}`, `${k.get('"k2"')},${b.get('"b2"')}`]);
    expect(lines('CALL_FROM_PHONE.csv')).toEqual([':START_ID,:END_ID', `${k.get('"k1"')},${p.get('"13812345678"')}`]);
    const every = [...b.values(), ...p.values(), ...k.values(), ...lines('IngestStamp.csv').slice(1).map((row) => row.split(',')[0]!)];
    expect(new Set(every).size).toBe(every.length);
  });

  it('when a device is seen by one borrower several times, then one USED_DEVICE joins their ids over the first and last sighting', async () => {
    const { lines } = await write([
      ['borrowers', { id: 'b1' }],
      ['deviceLinks', { borrowerId: 'b1', deviceId: 'd1', seenAt: '2024-01-02T00:00:00Z' }],
      ['deviceLinks', { borrowerId: 'b1', deviceId: 'd1', seenAt: '2024-01-01T00:00:00Z' }],
    ]);
    const b = idsOf(lines('Borrower.csv'));
    const d = idsOf(lines('Device.csv'));
    expect(lines('USED_DEVICE.csv')).toEqual([':START_ID,:END_ID,firstSeenAt:datetime,lastSeenAt:datetime', `${b.get('"b1"')},${d.get('"d1"')},2024-01-01T00:00:00Z,2024-01-02T00:00:00Z`]);
  });

  it('when a relationship points at a key no record defines, then finishing the files fails and names it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ringsight-import-files-'));
    const writer = new ImportFileWriter(folder);
    writer.add('recruitments', 'recruitments.ndjson', 1, importRowsOf('recruitments', { borrowerId: 'b9', adSourceId: 'ad1' }));
    await expect(writer.finish('2026-01-01T00:00:00Z')).rejects.toThrow(/points at (Borrower "b9"|AdSource "ad1"), which no record defines/);
  });
});
