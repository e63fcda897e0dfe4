import { RecordSchemas } from '../contract/ingestBatch';
import { describeZodError } from '../contract/validationIssues';
import { emptyEvidence, type Evidence } from '../contract/evidence';
import { readRecordFiles, RecordFileError } from './recordFiles';

/**
 * Reads bulk record files into validated evidence, for detectors that run without the
 * database. The first invalid record stops the read with its file and line.
 */
export async function readEvidenceFiles(path: string): Promise<Evidence> {
  const evidence = emptyEvidence();
  for await (const { kind, file, line, raw } of readRecordFiles(path)) {
    const parsed = RecordSchemas[kind].safeParse(raw);
    if (!parsed.success) {
      const details = describeZodError(parsed.error).map((d) => `${d.path}: ${d.message}`);
      throw new RecordFileError(file, line, details.join('; '));
    }
    (evidence[kind] as unknown[]).push(parsed.data);
  }
  return evidence;
}
