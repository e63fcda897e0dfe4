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

/**
 * A detector that works elsewhere (a database with Graph Data Science): it must first put
 * the evidence where it can see it, which is not detection and is timed apart.
 */
export interface AsyncRingDetector {
  name: string;
  detect(evidence: Evidence): Promise<{
    rings: ReportedRing[];
    /** Milliseconds spent getting the evidence in (loading a database), left out of its time. */
    setupMs: number;
    /** Milliseconds per stage of the detection itself, for the stage table. */
    stages: Record<string, number>;
  }>;
}

/** A detector that could not run in this environment, and why: printed, never dropped in silence. */
export interface DetectorNotRun {
  detector: string;
  reason: string;
}
