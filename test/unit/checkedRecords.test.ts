import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkedRecords, type CheckedBatch, type CheckOptions } from '../../src/bulk/checkedRecords';
import type { AcceptedRecord, Encoding } from '../../src/bulk/recordChecks';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ringsight-checked-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function collect(path: string, options: CheckOptions): Promise<CheckedBatch[]> {
  const out: CheckedBatch[] = [];
  for await (const batch of checkedRecords(path, options)) out.push(batch);
  return out;
}

const flat = (batches: CheckedBatch[]) => batches.flatMap((b) => b.records.map((r) => ({ kind: b.kind, file: b.file, ...r })));

/** Several batches of each kind, with refused records among them, a CSV file, and every sort of reference. */
async function writeFolder(): Promise<void> {
  const borrowers = Array.from({ length: 2_600 }, (_, i) =>
    i % 500 === 7 ? { id: `b${i}`, overdueDays: -1 } : { id: `b${i}`, name: `name ${i}`, overdueDays: i % 90, outstandingPrincipal: i % 3 === 0 ? -0 : i * 1.5 },
  );
  await writeFile(join(folder, 'borrowers.ndjson'), borrowers.map((b) => JSON.stringify(b)).join('\n') + '\n');
  await writeFile(join(folder, 'adSources.ndjson'), JSON.stringify({ id: 'ad1', kind: 'street_flyer' }) + '\n');
  const phoneRows = Array.from({ length: 2_100 }, (_, i) => `b${i % 2_600},138${String(10_000_000 + (i % 700)).padStart(8, '0')},${i % 2 ? 'registered' : 'contact'}`);
  await writeFile(join(folder, 'phoneLinks.csv'), 'borrowerId,phone,role\n' + phoneRows.join('\n') + '\nb1,not a phone,own\n');
  const recruitments = Array.from({ length: 1_200 }, (_, i) => ({ borrowerId: `b${i}`, adSourceId: i % 400 === 0 ? 'ad-unknown' : 'ad1', at: '2024-03-01T08:00:00Z' }));
  await writeFile(join(folder, 'recruitments.ndjson'), recruitments.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const devices = Array.from({ length: 1_500 }, (_, i) => ({ borrowerId: `b${i % 50}`, deviceId: `d${i % 40}`, seenAt: `2024-03-0${1 + (i % 9)}T08:00:00+08:00` }));
  await writeFile(join(folder, 'deviceLinks.ndjson'), devices.map((d) => JSON.stringify(d)).join('\n') + '\n');
}

describe.each(['spool', 'import'] as Encoding[])('When record files are checked on worker threads (encoded for %s)', (encoding) => {
  test('then every record, refused or accepted, comes back in input order exactly as checked on one thread', async () => {
    await writeFolder();
    const options = { encoding, withData: (kind: string) => kind === 'recruitments' };

    const alone = flat(await collect(folder, { ...options, workers: 0 }));
    const threaded = flat(await collect(folder, { ...options, workers: 2 }));

    expect(threaded).toEqual(alone);
    expect(alone).toHaveLength(2_600 + 1 + 2_101 + 1_200 + 1_500);
    expect(alone.filter((r) => 'issues' in r).map((r) => `${r.kind}:${r.line}`)).toEqual(['borrowers:8', 'borrowers:508', 'borrowers:1008', 'borrowers:1508', 'borrowers:2008', 'borrowers:2508', 'phoneLinks:2102']);
    const recruitment = alone.find((r) => r.kind === 'recruitments' && r.line === 401) as AcceptedRecord;
    expect(recruitment.references).toEqual(['borrower', 'b400', 'borrowerId', 'adSource', 'ad-unknown', 'adSourceId']);
    expect(recruitment.key).toBe('b400\u0000ad-unknown');
    expect(recruitment.data).toEqual({ borrowerId: 'b400', adSourceId: 'ad-unknown', at: '2024-03-01T08:00:00Z' });
    expect((alone.find((r) => r.kind === 'borrowers' && r.line === 2) as AcceptedRecord).defines).toEqual(['borrower', 'b1']);
    expect(alone.filter((r) => 'data' in r).every((r) => r.kind === 'recruitments')).toBe(true);
  }, 60_000);
});

describe('When a file stops being readable part way, on worker threads', () => {
  test('then the records before it come back in order, then the unreadable line, and nothing after', async () => {
    const lines = Array.from({ length: 2_500 }, (_, i) => JSON.stringify({ id: `b${i}` }));
    lines[2_222] = '{"id": oops}';
    await writeFile(join(folder, 'borrowers.ndjson'), lines.join('\n') + '\n');
    await writeFile(join(folder, 'calls.ndjson'), JSON.stringify({ id: 'c1', borrowerId: 'b1' }) + '\n');

    const records = flat(await collect(folder, { encoding: 'spool', withData: () => false, workers: 2 }));

    expect(records).toHaveLength(2_223);
    expect(records.slice(0, -1).map((r) => r.line)).toEqual(Array.from({ length: 2_222 }, (_, i) => i + 1));
    expect(records.at(-1)).toMatchObject({ kind: 'borrowers', line: 2_223, unreadable: expect.stringMatching(/^not valid JSON/) });
  }, 60_000);

  test('then a CSV syntax error ends the records with the file named and no record after it', async () => {
    const rows = Array.from({ length: 1_500 }, (_, i) => `b${i},name ${i}`);
    await writeFile(join(folder, 'borrowers.csv'), 'id,name\n' + rows.join('\n') + '\nb9,"Li\n');
    await writeFile(join(folder, 'calls.ndjson'), JSON.stringify({ id: 'c1', borrowerId: 'b1' }) + '\n');

    const batches = await collect(folder, { encoding: 'import', withData: () => false, workers: 2 });
    const records = flat(batches);

    expect(records).toHaveLength(1_501);
    expect(records.at(-1)).toMatchObject({ kind: 'borrowers', unreadable: expect.stringMatching(/^not valid CSV/) });
    expect(batches.some((b) => b.kind === 'calls')).toBe(false);
  }, 60_000);
});
