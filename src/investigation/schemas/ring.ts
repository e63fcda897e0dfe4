import { z } from 'zod';
import {
  MemberReasonSchema, RingKindSchema, RingMemberSchema, RingSchema, RingToolSchema, SignalNameSchema, SignalSchema, type RingTool,
} from '../../contract/ring';
import { Cursor, IsoDateTime, Limit, NextCursor } from './common';
import { ReviewSchema } from './review';

/**
 * The investigator API's views of a ring, composed from the ring contract: the API adds
 * what people need around the facts (words, names, money, reviews), never a second
 * definition of a ring.
 */

export const RingListQuerySchema = z.strictObject({
  minScore: z.coerce.number().min(0).max(1).optional().meta({ description: 'Only rings scoring at least this (all listed rings are above the detection threshold)' }),
  kind: RingKindSchema.default('complaintCampaign').meta({
    description: 'complaintCampaign (default): the suspected proxy-complaint gangs. sharedOperator: clusters where one person handles several identities with no complaint campaign (families, brokers, caregivers), listed apart',
  }),
  limit: Limit,
  cursor: Cursor,
  format: z.enum(['json', 'html']).optional().meta({ description: 'html: the ranked list as a page for a browser, linking to each ring\'s view (also with Accept: text/html)' }),
});
export type RingListQuery = z.infer<typeof RingListQuerySchema>;

export type Tool = RingTool;
export const ToolSchema = RingToolSchema;

export const RingSummarySchema = RingSchema.pick({ id: true, kind: true, score: true, suspected: true, size: true, operated: true })
  .extend({
    topSignals: z.array(SignalNameSchema).meta({ description: 'The signals contributing most to the score, strongest first' }),
    tools: z.array(RingToolSchema),
    review: ReviewSchema.nullable().meta({ description: 'The latest review, or null' }),
  })
  .meta({ id: 'RingSummary' });
export type RingSummary = z.infer<typeof RingSummarySchema>;

export const RingListSchema = z.object({ rings: z.array(RingSummarySchema), nextCursor: NextCursor }).meta({ id: 'RingList' });
export type RingList = z.infer<typeof RingListSchema>;

/** A signal's facts and, for people, the same facts in words (or why it could not be observed). */
export const SignalViewSchema = SignalSchema.extend({ description: z.string() }).meta({ id: 'SignalView' });
export type SignalView = z.infer<typeof SignalViewSchema>;

/** A member: `facts` are the structured reasons; `reasons` the same in words. Personal data is masked in both for viewers. */
export const MemberSchema = RingMemberSchema.omit({ reasons: true })
  .extend({ reasons: z.array(z.string()), facts: z.array(MemberReasonSchema) })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof MemberSchema>;

export const MemberPageSchema = z.object({ members: z.array(MemberSchema), nextCursor: NextCursor }).meta({ id: 'MemberPage' });

export const MemberDetailSchema = MemberSchema.extend({
  name: z.string().nullable(),
  overdueDays: z.number().nullable(),
  outstandingPrincipal: z.number().nullable(),
}).meta({ id: 'MemberDetail' });
export type MemberDetail = z.infer<typeof MemberDetailSchema>;

/** The analysis run that found a ring: when, with which code and which effective options. */
export const RunSchema = z
  .object({
    id: z.string(),
    startedAt: IsoDateTime.nullable(),
    finishedAt: IsoDateTime.nullable(),
    codeVersion: z.string().nullable(),
    parameters: z.record(z.string(), z.unknown()).meta({ description: 'The effective detection options, every default filled in' }),
    communities: z.number().int().nullable(),
    suspected: z.number().int().nullable(),
  })
  .meta({ id: 'RingRun' });
export type Run = z.infer<typeof RunSchema>;

export { RingLineageSchema as LineageSchema, CampaignSchema } from '../../contract/ring';
export type { RingLineage as Lineage } from '../../contract/ring';
