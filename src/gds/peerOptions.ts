import { z } from 'zod';
import { DEFAULT_MAX_SHARE } from '../evaluation/baseline';

/**
 * The GDS peer's parameters: what a Neo4j user following Neo4j's fraud-detection example
 * would set, each with where its value comes from. None was tuned on the scenarios'
 * planted gangs; the peer is measured as built.
 */
export const GdsPeerOptionsSchema = z.object({
  /** The in-memory graph's name in the GDS catalog; dropped after every run. */
  graphName: z.string().min(1).default('ringsight-gds-peer'),
  /**
   * Identifiers used by more borrowers are left out of the projection. Without a cut the
   * marketing channels and public devices join almost everyone into one component, as the
   * unfiltered baseline shows; 20 is the baseline's own cut (DEFAULT_MAX_SHARE), the usual
   * first fix, so the peer and the baseline start from the same components.
   */
  maxIdentifierBorrowers: z.number().int().min(1).default(DEFAULT_MAX_SHARE),
  /** Node Similarity's neighbours kept per borrower: the example's value (its default is 10). */
  topK: z.number().int().min(1).max(1000).default(15),
  /** GDS's default: any positive Jaccard similarity counts. */
  similarityCutoff: z.number().min(0).max(1).default(1e-42),
  /**
   * Borrowers whose weighted degree over SIMILAR (the example's "first-party fraud score")
   * is above this percentile of the borrowers in clusters are the example's flagged
   * fraudsters: its value, the 95th percentile. A community holding one is a ring.
   * null: every community of minRingSize or more is a ring.
   */
  fraudScorePercentile: z.number().gt(0).lt(1).nullable().default(0.95),
  /** A ring, here as everywhere in ringsight, has at least three borrowers. */
  minRingSize: z.number().int().min(2).default(3),
});

export type GdsPeerOptions = z.infer<typeof GdsPeerOptionsSchema>;
export type GdsPeerOptionsInput = z.input<typeof GdsPeerOptionsSchema>;
