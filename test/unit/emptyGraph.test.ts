import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportFileWriter } from '../../src/importer/importFiles';
import { emptyGraph } from '../../src/ingest/emptyGraph';
import { BulkLoadError } from '../../src/ingest/loadProblems';
import { validateRecordFiles } from '../../src/ingest/validateRecordFiles';
import { ndjsonLines } from '../../src/bulk/recordFileWriter';

/**
 * An initial import replaces the whole store, so its records are validated against an
 * empty graph (while the local server stops): a reference must resolve in the files
 * themselves, whatever the server held.
 */

function folderWith(files: Record<string, object[]>): string {
  const folder = mkdtempSync(join(tmpdir(), 'ringsight-empty-graph-'));
  for (const [name, records] of Object.entries(files)) appendFileSync(join(folder, name), ndjsonLines(records));
  return folder;
}

const validate = (folder: string) => validateRecordFiles(emptyGraph, folder, new ImportFileWriter(mkdtempSync(join(tmpdir(), 'ringsight-empty-graph-files-'))), undefined, { workers: 0 });

describe('validation against an empty graph', () => {
  it('when every reference resolves in the files, then the records are accepted', async () => {
    const folder = folderWith({ 'borrowers.ndjson': [{ id: 'b1' }], 'calls.ndjson': [{ id: 'k1', borrowerId: 'b1' }] });
    await expect(validate(folder)).resolves.toMatchObject({ total: 2 });
  });

  it('when a record names a borrower no file defines, then it is refused with its file and line, as nothing stored can supply it', async () => {
    const folder = folderWith({ 'borrowers.ndjson': [{ id: 'b1' }], 'phoneLinks.ndjson': [{ borrowerId: 'b1', phone: '13812345678' }, { borrowerId: 'elsewhere', phone: '13812345678' }] });
    const error = await validate(folder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BulkLoadError);
    expect((error as BulkLoadError).problems).toEqual([expect.objectContaining({ file: join(folder, 'phoneLinks.ndjson'), line: 2, message: expect.stringContaining('elsewhere') })]);
  });

  it('when something tries to write to it, then the write is refused', async () => {
    await expect(emptyGraph.write(async () => 1)).rejects.toThrow(/takes no writes/);
  });
});
