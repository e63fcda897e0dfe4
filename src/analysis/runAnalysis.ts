import { randomUUID } from 'node:crypto';
import { detectRings, type DetectionOptionsInput, type DetectionResult } from '../detection';
import type { GraphDatabase } from '../neo4j/graphDatabase';
import { readEvidence } from '../neo4j/evidenceReader';
import { readPreviousRings, writeAnalysisResult } from '../neo4j/resultWriter';

export type AnalysisStage = 'reading' | 'detecting' | 'writing' | 'done';

export interface AnalysisProgress {
  stage: AnalysisStage;
  /** The detection core's own stage while detecting (links, projection, communities, scoring...). */
  step?: string;
  done: number;
  total: number;
}

export interface AnalysisSummary {
  runId: string;
  startedAt: string;
  finishedAt: string;
  stats: DetectionResult['stats'];
  suspected: number;
  hubs: number;
  /** Milliseconds per stage of the whole run: read, detect (with the core's own stages), write. */
  timings: { read: number; detect: number; write: number; total: number };
  topRings: { id: string; score: number; size: number; topSignals: string[] }[];
}

export const newRunId = () => `run-${new Date().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${randomUUID().slice(0, 8)}`;

/**
 * One analysis, as a story: read the evidence from the graph → detect rings (keeping
 * the ids of the last run's rings) → write rings, members, tools and the run back.
 */
export async function runAnalysis(
  db: GraphDatabase,
  options: Omit<Partial<DetectionOptionsInput>, 'onProgress'> = {},
  onProgress: (p: AnalysisProgress) => void = () => {},
  runId: string = newRunId(),
): Promise<AnalysisSummary> {
  const startedAt = new Date();
  const t0 = Date.now();
  const evidence = await readEvidence(db, (_kind, done) => onProgress({ stage: 'reading', done, total: 0 }));
  const previous = await readPreviousRings(db);
  const t1 = Date.now();
  const result = detectRings(
    evidence,
    { ...options, onProgress: (step, done, total) => onProgress({ stage: 'detecting', step, done, total }) },
    previous,
  );
  const t2 = Date.now();
  onProgress({ stage: 'writing', done: 0, total: 1 });
  const finishedAt = new Date();
  await writeAnalysisResult(db, { id: runId, startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(), parameters: options }, result);
  const t3 = Date.now();
  onProgress({ stage: 'done', done: 1, total: 1 });
  const suspected = result.rings.filter((r) => r.suspected);
  return {
    runId,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    stats: result.stats,
    suspected: suspected.length,
    hubs: result.hubs.length,
    timings: { read: t1 - t0, detect: t2 - t1, write: t3 - t2, total: t3 - t0 },
    topRings: suspected.slice(0, 10).map((r) => ({
      id: r.id,
      score: r.score,
      size: r.size,
      topSignals: [...r.signals].sort((a, b) => b.contribution - a.contribution).slice(0, 3).map((s) => s.name),
    })),
  };
}
