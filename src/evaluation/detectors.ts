import { DEFAULT_MAX_SHARE, sharedIdentifierDetector } from './baseline';
import type { RingDetector } from './detector';
import { suspectedRingDetector } from '../detection/suspectedRingDetector';

/**
 * The detectors the evaluation harness runs, in table order. To compare a new
 * detector, append it here; names must be unique.
 */
export const detectors: RingDetector[] = [
  sharedIdentifierDetector('components (all identifiers)'),
  sharedIdentifierDetector(`components (identifiers shared by ≤ ${DEFAULT_MAX_SHARE})`, { maxShare: DEFAULT_MAX_SHARE }),
  suspectedRingDetector(),
];
