import type { Evidence } from '../contract/evidence';

/** A reported ring: the borrowers a detector believes act together. */
export interface ReportedRing {
  members: string[];
}

/** Anything that turns evidence into rings can be scored by the evaluation harness. */
export interface RingDetector {
  /** Short and unique: it labels the detector's rows in the quality table. */
  name: string;
  detect(evidence: Evidence): { rings: ReportedRing[] };
}
