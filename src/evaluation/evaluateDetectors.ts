import type { Evidence } from '../contract/evidence';
import type { Truth } from '../scenario/truth';
import type { RingDetector } from './detector';
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
  seconds: number;
}

/** Runs each detector on the evidence and scores its rings against the planted gangs. */
export function evaluateDetectors(
  dataset: string,
  evidence: Evidence,
  truth: Truth,
  detectors: readonly RingDetector[],
  now: () => number = () => performance.now(),
): DetectorResult[] {
  const gangs = truth.gangs.map((gang) => gang.members);
  const labels = truthLabels(truth);
  return detectors.map((detector) => {
    const started = now();
    const { rings } = detector.detect(evidence);
    const seconds = (now() - started) / 1000;
    const reported = rings.map((ring) => ring.members);
    return { detector: detector.name, dataset, score: scoreRings(reported, gangs), diagnosis: diagnoseRings(reported, labels.gangs, labels.innocents), seconds };
  });
}
