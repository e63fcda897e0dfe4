import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RECORD_KINDS, type RecordKind } from '../contract/ingestBatch';
import { createRecordFileWriter, type RecordFileWriter } from '../bulk/recordFileWriter';
import type { RecordFormat } from '../bulk/recordFiles';
import { scenarioChunks } from './generateScenario';
import type { ScenarioParamsInput } from './params';
import { TRUTH_FILE, type Truth } from './truth';

export interface WrittenScenario {
  truth: Truth;
  /** Records written per kind. */
  counts: Record<RecordKind, number>;
}

/**
 * Writes a scenario as bulk record files plus truth.json. Each chunk is written before
 * the next is generated, and a slow disk pauses generation, so memory stays flat.
 */
export async function writeScenario(
  input: ScenarioParamsInput,
  folder: string,
  format: RecordFormat = 'ndjson',
  onBorrowers: (written: number) => void = () => {},
): Promise<WrittenScenario> {
  await mkdir(folder, { recursive: true });
  const writers = await Promise.all(RECORD_KINDS.map((kind) => createRecordFileWriter(folder, kind, format)));
  const chunks = scenarioChunks(input);
  let borrowers = 0;
  let step = chunks.next();
  for (; !step.done; step = chunks.next()) {
    const chunk = step.value;
    for (const writer of writers as RecordFileWriter<RecordKind>[]) await writer.write(chunk[writer.kind]);
    onBorrowers((borrowers += chunk.borrowers.length));
  }
  await Promise.all(writers.map((writer) => writer.close()));
  await writeFile(join(folder, TRUTH_FILE), JSON.stringify(step.value, null, 2) + '\n');
  const counts = Object.fromEntries(writers.map((writer) => [writer.kind, writer.count])) as Record<RecordKind, number>;
  return { truth: step.value, counts };
}
