import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { RECORD_KINDS, RecordSchemas, type RecordKind } from '../contract/ingestBatch';
import { emptyEvidence, type Evidence } from '../contract/evidence';
import { createRecordFileWriter, type RecordFileWriter } from '../bulk/recordFileWriter';
import type { RecordFormat } from '../bulk/recordFiles';
import { DailySlicer } from './dailySlices';
import { scenarioChunksAsGenerated } from './generateScenario';
import { liveWindow, type LiveWindow } from './liveWindow';
import { parseScenarioParams, type ScenarioParamsInput } from './params';
import { TRUTH_FILE, type Truth } from './truth';

/**
 * A scenario as a month of daily slices (`npm run generate -- --days 30`): one folder per
 * day, `day-01/` to `day-30/`, each holding that day's record files (every kind, empty or
 * not, so each folder loads with `npm run load -- <folder>`), with `truth.json` and
 * `slices.json` (the window and the folders, in order) beside them.
 */
export const SLICES_FILE = 'slices.json';

export const SlicesManifestSchema = z.object({
  days: z.number().int().min(1),
  /** The window's first instant and the instant after its last day. */
  from: z.string(),
  to: z.string(),
  /** Folder names, day 1 first. */
  folders: z.array(z.string()),
  /** Records per day, day 1 first. */
  records: z.array(z.number().int()),
});
export type SlicesManifest = z.infer<typeof SlicesManifestSchema>;

export const dayFolderName = (day: number): string => `day-${String(day).padStart(2, '0')}`;

function daysOf(input: ScenarioParamsInput): LiveWindow {
  const params = parseScenarioParams(input);
  if (params.days < 1) throw new Error('a scenario in daily slices needs days ≥ 1 (--days N)');
  return liveWindow(params.days);
}

/** The whole month in memory, each day as the ingest path would store it (for tests and evaluation). */
export function generateDailyScenario(input: ScenarioParamsInput): { days: Evidence[]; truth: Truth; window: LiveWindow } {
  const window = daysOf(input);
  const slicer = new DailySlicer(window);
  const days = Array.from({ length: window.days }, emptyEvidence);
  const chunks = scenarioChunksAsGenerated(input);
  for (let step = chunks.next(); ; step = chunks.next()) {
    if (step.done) return { days, truth: step.value, window };
    slicer.slice(step.value.chunk, step.value.generated).forEach((slice, d) => {
      for (const kind of RECORD_KINDS) {
        const target = days[d]![kind] as unknown[];
        for (const record of slice[kind]) target.push(RecordSchemas[kind].parse(record));
      }
    });
  }
}

/** Writes the month as day folders; like writeScenario, each chunk is written before the next is made. */
export async function writeDailyScenario(
  input: ScenarioParamsInput,
  folder: string,
  format: RecordFormat = 'ndjson',
  onBorrowers: (written: number) => void = () => {},
): Promise<{ truth: Truth; manifest: SlicesManifest; counts: Record<RecordKind, number> }> {
  const window = daysOf(input);
  const slicer = new DailySlicer(window);
  const folders = Array.from({ length: window.days }, (_, d) => dayFolderName(d + 1));
  const writers: RecordFileWriter<RecordKind>[][] = [];
  for (const name of folders) {
    await mkdir(join(folder, name), { recursive: true });
    writers.push((await Promise.all(RECORD_KINDS.map((kind) => createRecordFileWriter(join(folder, name), kind, format)))) as RecordFileWriter<RecordKind>[]);
  }
  const chunks = scenarioChunksAsGenerated(input);
  let borrowers = 0;
  let step = chunks.next();
  for (; !step.done; step = chunks.next()) {
    const slices = slicer.slice(step.value.chunk, step.value.generated);
    for (let d = 0; d < slices.length; d++) for (const writer of writers[d]!) await writer.write(slices[d]![writer.kind]);
    onBorrowers((borrowers += step.value.chunk.borrowers.length));
  }
  await Promise.all(writers.flat().map((writer) => writer.close()));
  const manifest: SlicesManifest = {
    days: window.days,
    from: window.from,
    to: window.to,
    folders,
    records: writers.map((day) => day.reduce((n, writer) => n + writer.count, 0)),
  };
  await writeFile(join(folder, TRUTH_FILE), JSON.stringify(step.value, null, 2) + '\n');
  await writeFile(join(folder, SLICES_FILE), JSON.stringify(manifest, null, 2) + '\n');
  const counts = Object.fromEntries(RECORD_KINDS.map((kind, k) => [kind, writers.reduce((n, day) => n + day[k]!.count, 0)])) as Record<RecordKind, number>;
  return { truth: step.value, manifest, counts };
}

export async function readSlicesManifest(folder: string): Promise<SlicesManifest> {
  return SlicesManifestSchema.parse(JSON.parse(await readFile(join(folder, SLICES_FILE), 'utf8')));
}
