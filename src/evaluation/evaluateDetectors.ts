import type { Evidence } from '../contract/evidence';
import type { Truth } from '../scenario/truth';
import type { AsyncRingDetector, ReportedRing, RingDetector } from './detector';
import { diagnoseRings, type RingDiagnosis } from './ringDiagnosis';
import { scoreRings, type RingScore } from './scoreRings';
import { truthLabels } from './truthLabels';

/** One detector's quality on one case. */
export interface DetectorResult {
  detector: string;
  /** Which case: e.g. "20000 borrowers, seed 1" or a folder. */
  dataset: string;
  score: RingScore;
  diagnosis: RingDiagnosis;
  /** Detection alone: for a detector working in a database, without loading it. */
  seconds: number;
  /** Detectors working in a database: loading it, and each stage, in milliseconds. */
  setupMs?: number;
  stages?: Record<string, number>;
}

/** Scores one detector's rings against the planted gangs. */
function resultOf(detector: string, dataset: string, rings: readonly ReportedRing[], truth: Truth, seconds: number): DetectorResult {
  const gangs = truth.gangs.map((gang) => gang.members);
  const labels = truthLabels(truth);
  const reported = rings.map((ring) => ring.members);
  return { detector, dataset, score: scoreRings(reported, gangs), diagnosis: diagnoseRings(reported, labels.gangs, labels.innocents), seconds };
}

/** Runs each detector on the evidence and scores its rings against the planted gangs. */
export function evaluateDetectors(
  dataset: string,
  evidence: Evidence,
  truth: Truth,
  detectors: readonly RingDetector[],
  now: () => number = () => performance.now(),
): DetectorResult[] {
  return detectors.map((detector) => {
    const started = now();
    const { rings } = detector.detect(evidence);
    return resultOf(detector.name, dataset, rings, truth, (now() - started) / 1000);
  });
}

/** The same for a detector that works in a database: its loading time is kept apart from its detection time. */
export async function evaluateAsyncDetector(
  dataset: string,
  evidence: Evidence,
  truth: Truth,
  detector: AsyncRingDetector,
  now: () => number = () => performance.now(),
): Promise<DetectorResult> {
  const started = now();
  const { rings, setupMs, stages } = await detector.detect(evidence);
  const seconds = (now() - started - setupMs) / 1000;
  return { ...resultOf(detector.name, dataset, rings, truth, seconds), setupMs, stages };
}
