import { z } from 'zod';
import { IsoDateTime } from './common';

export const VerdictSchema = z.enum(['confirmed', 'dismissed', 'investigating']);

export const ReviewRequestSchema = z
  .strictObject({
    verdict: VerdictSchema,
    note: z.string().trim().max(4000).default(''),
  })
  .meta({ id: 'ReviewRequest' });
export type ReviewRequest = z.infer<typeof ReviewRequestSchema>;

/** `by` is the reviewer's role and key fingerprint: enough to tell reviewers apart, no person named. */
export const ReviewSchema = z
  .object({ id: z.string(), ringId: z.string(), verdict: VerdictSchema, note: z.string(), at: IsoDateTime, by: z.string() })
  .meta({ id: 'Review' });
export type Review = z.infer<typeof ReviewSchema>;
