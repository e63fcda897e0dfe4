import { z } from 'zod';
import { IsoDateTime, Limit, Cursor, NextCursor } from './common';
import { ReviewSchema } from './review';

export const RingListQuerySchema = z.strictObject({
  minScore: z.coerce.number().min(0).max(1).optional().meta({ description: 'Only rings scoring at least this (all listed rings are above the detection threshold)' }),
  limit: Limit,
  cursor: Cursor,
});
export type RingListQuery = z.infer<typeof RingListQuerySchema>;

export const ToolSchema = z
  .object({
    kind: z.enum(['phone', 'device', 'voice', 'adSource']),
    id: z.string(),
    rank: z.number().int(),
    members: z.number().int().meta({ description: 'Ring members it touches' }),
    usages: z.array(z.string()),
  })
  .meta({ id: 'Tool' });
export type Tool = z.infer<typeof ToolSchema>;

export const RingSummarySchema = z
  .object({
    id: z.string(),
    score: z.number(),
    size: z.number().int(),
    operated: z.number().int(),
    topSignals: z.array(z.string()),
    tools: z.array(ToolSchema),
    review: ReviewSchema.nullable().meta({ description: 'The latest review, or null' }),
  })
  .meta({ id: 'RingSummary' });
export type RingSummary = z.infer<typeof RingSummarySchema>;

export const RingListSchema = z.object({ rings: z.array(RingSummarySchema), nextCursor: NextCursor }).meta({ id: 'RingList' });
export type RingList = z.infer<typeof RingListSchema>;

export const SignalSchema = z
  .object({ name: z.string(), value: z.number(), weight: z.number(), contribution: z.number(), description: z.string() })
  .meta({ id: 'Signal' });
export type Signal = z.infer<typeof SignalSchema>;

export const MemberSchema = z
  .object({ borrowerId: z.string(), role: z.enum(['operated', 'peripheral']), reasons: z.array(z.string()), weight: z.number() })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof MemberSchema>;

export const MemberPageSchema = z.object({ members: z.array(MemberSchema), nextCursor: NextCursor }).meta({ id: 'MemberPage' });

export const MemberDetailSchema = MemberSchema.extend({
  name: z.string().nullable(),
  overdueDays: z.number().nullable(),
  outstandingPrincipal: z.number().nullable(),
}).meta({ id: 'MemberDetail' });
export type MemberDetail = z.infer<typeof MemberDetailSchema>;

export const RunSchema = z
  .object({
    id: z.string(),
    startedAt: IsoDateTime.nullable(),
    finishedAt: IsoDateTime.nullable(),
    parameters: z.record(z.string(), z.unknown()),
    communities: z.number().int().nullable(),
    suspected: z.number().int().nullable(),
  })
  .meta({ id: 'AnalysisRun' });
export type Run = z.infer<typeof RunSchema>;

export const LineageSchema = z
  .object({
    from: z.array(z.object({ ringId: z.string(), sharedMembers: z.number(), jaccard: z.number() })),
    keptId: z.boolean(),
    split: z.boolean(),
    merged: z.boolean(),
  })
  .meta({ id: 'Lineage' });
export type Lineage = z.infer<typeof LineageSchema>;
