import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordKind, RecordOf } from '../../src/contract/ingestBatch';
import { readEvidenceFiles } from '../../src/bulk/readEvidence';
import { createRecordFileWriter } from '../../src/bulk/recordFileWriter';
import { listRecordFiles, readRecordFiles, RecordFileError, type RawRecord, type RecordFormat } from '../../src/bulk/recordFiles';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ringsight-records-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function collect(path: string): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const record of readRecordFiles(path)) out.push(record);
  return out;
}

async function readError(path: string): Promise<RecordFileError> {
  try {
    await collect(path);
  } catch (error) {
    if (error instanceof RecordFileError) return error;
    throw error;
  }
  throw new Error('expected a RecordFileError');
}

async function writeRecords<K extends RecordKind>(kind: K, format: RecordFormat, records: RecordOf<K>[]): Promise<void> {
  const writer = await createRecordFileWriter(folder, kind, format);
  await writer.write(records);
  await writer.close();
}

const borrowers: RecordOf<'borrowers'>[] = [
  { id: 'b1', name: 'Li, "Lei"\nsecond line', overdueDays: 30, outstandingPrincipal: 1200.5 },
  { id: '007', registeredAt: '2024-02-01T09:00:00Z' },
];
const calls: RecordOf<'calls'>[] = [
  { id: 'c1', borrowerId: 'b1', phone: '+8613800138000', voiceMatch: false, identityVerified: true },
  { id: 'c2', borrowerId: '007', voiceprintId: 'vp 1' },
];
const adSources: RecordOf<'adSources'>[] = [{ id: 'ad1', kind: 'street_flyer' }];

describe.each(['ndjson', 'csv'] as const)('When records are written and read back as %s', (format) => {
  test('then every record comes back equal, in dependency order, with its line', async () => {
    await writeRecords('calls', format, calls);
    await writeRecords('borrowers', format, borrowers);
    await writeRecords('adSources', format, adSources);

    const read = await collect(folder);

    expect(read.map((r) => r.kind)).toEqual(['borrowers', 'borrowers', 'adSources', 'calls', 'calls']);
    expect(read.map((r) => r.raw)).toEqual([...borrowers, ...adSources, ...calls]);
    // In CSV the header is line 1 and the first borrower's name spans two lines; JSON escapes the newline.
    const lines = format === 'csv' ? [2, 4] : [1, 2];
    expect(read.filter((r) => r.kind === 'borrowers').map((r) => r.line)).toEqual(lines);
    expect(read.find((r) => r.kind === 'calls')?.file).toBe(join(folder, `calls.${format}`));
  });

  test('then a single file is read on its own, its kind taken from its name', async () => {
    await writeRecords('adSources', format, adSources);
    const read = await collect(join(folder, `adSources.${format}`));
    expect(read).toEqual([{ kind: 'adSources', file: join(folder, `adSources.${format}`), line: 1 + (format === 'csv' ? 1 : 0), raw: adSources[0] }]);
  });
});

describe('When CSV cells are read', () => {
  test('then numbers and booleans follow the schema, empty cells are absent, and bad values stay strings', async () => {
    await writeFile(
      join(folder, 'calls.csv'),
      'id,borrowerId,voiceMatch,identityVerified,at\n' + 'c1,b1,true,false,\n' + 'c2,b1,yes,,2024-01-01T00:00:00Z\n',
    );
    await writeFile(join(folder, 'borrowers.csv'), 'id,overdueDays,outstandingPrincipal\n' + '12,7,\n' + 'b2,seven, \n');

    const raws = (await collect(folder)).map((r) => r.raw);

    expect(raws).toEqual([
      { id: '12', overdueDays: 7 },
      { id: 'b2', overdueDays: 'seven', outstandingPrincipal: ' ' },
      { id: 'c1', borrowerId: 'b1', voiceMatch: true, identityVerified: false },
      { id: 'c2', borrowerId: 'b1', voiceMatch: 'yes', at: '2024-01-01T00:00:00Z' },
    ]);
  });
});

describe('When a file is broken', () => {
  test('then invalid JSON is reported with its file and line', async () => {
    await writeFile(join(folder, 'borrowers.ndjson'), '{"id":"b1"}\n\n{"id": oops}\n');
    const error = await readError(folder);
    expect(error).toMatchObject({ file: join(folder, 'borrowers.ndjson'), line: 3 });
    expect(error.message).toMatch(/borrowers\.ndjson:3: not valid JSON/);
  });

  test('then an unclosed CSV quote is reported with its file', async () => {
    await writeFile(join(folder, 'borrowers.csv'), 'id,name\nb1,"Li\n');
    const error = await readError(folder);
    expect(error.file).toBe(join(folder, 'borrowers.csv'));
    expect(error.message).toMatch(/not valid CSV/);
  });

  test('then an invalid record is reported by the evidence reader with its line and field', async () => {
    await writeFile(join(folder, 'borrowers.ndjson'), '{"id":"b1"}\n{"id":"b2","overdueDays":-1}\n');
    await expect(readEvidenceFiles(folder)).rejects.toThrow(/borrowers\.ndjson:2: overdueDays: /);
  });
});

describe('When record files are listed', () => {
  test('then a misnamed record file is an error that names the expected kinds', async () => {
    await writeFile(join(folder, 'borrower.ndjson'), '');
    await expect(listRecordFiles(folder)).rejects.toThrow(/borrower\.ndjson: unknown record file name; expected .*borrowers/);
    await expect(listRecordFiles(join(folder, 'borrower.ndjson'))).rejects.toThrow(RecordFileError);
  });

  test('then a folder without record files is an error, and other files are ignored', async () => {
    await writeFile(join(folder, 'truth.json'), '{}');
    await expect(listRecordFiles(folder)).rejects.toThrow(/no record files/);
    await writeFile(join(folder, 'phoneLinks.csv'), 'borrowerId,phone\n');
    await expect(listRecordFiles(folder)).resolves.toEqual([{ kind: 'phoneLinks', format: 'csv', file: join(folder, 'phoneLinks.csv') }]);
  });

  test('then the same kind in two formats is refused', async () => {
    await writeFile(join(folder, 'calls.csv'), '');
    await writeFile(join(folder, 'calls.ndjson'), '');
    await expect(listRecordFiles(folder)).rejects.toThrow(/calls is also given by/);
  });

  test('then a missing path is an error', async () => {
    await expect(listRecordFiles(join(folder, 'nope'))).rejects.toThrow(/no such file or folder/);
  });
});
