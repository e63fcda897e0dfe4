/** The pure detection core: evidence in, scored and explained rings out. */
export { detectRings } from './detectRings';
export { reportedRings } from './reportedRings';
export { assignRingIds, type RingIdAssignment } from './assignRingIds';
export {
  DetectionOptionsSchema,
  DEFAULT_DETECTION_OPTIONS,
  DEFAULT_SUSPECT_THRESHOLD,
  DEFAULT_ID_JACCARD,
  parseDetectionOptions,
  type DetectionOptions,
  type DetectionOptionsInput,
  type SignalName,
  type ProgressCallback,
} from './options';
export type * from './detectionResult';
export type { Evidence } from '../contract/evidence';
export { emptyEvidence } from '../contract/evidence';
export { suspectedRingDetector } from './suspectedRingDetector';
