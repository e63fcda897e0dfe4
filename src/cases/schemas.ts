import { z } from 'zod';
import { AlertViewSchema } from '../alerts/schemas';
import { RingFiguresSchema } from '../contract/alert';
import { AssigneeSchema, CaseEventSchema, CaseSchema, CaseStatusSchema } from '../contract/case';
import { Cursor, Limit, NextCursor } from '../investigation/schemas/common';

export const CaseIdParamsSchema = z.strictObject({ id: z.string().min(1).max(200).meta({ description: 'Case id, e.g. case-6f1c…' }) });

export const CaseListQuerySchema = z.strictObject({
  status: CaseStatusSchema.optional(),
  assignee: AssigneeSchema.optional().meta({ description: 'Only cases assigned to this user name' }),
  limit: Limit,
  cursor: Cursor,
});
export type CaseListQuery = z.infer<typeof CaseListQuerySchema>;

export const CaseListSchema = z.object({ cases: z.array(CaseSchema), nextCursor: NextCursor }).meta({ id: 'CaseList' });
export type CaseList = z.infer<typeof CaseListSchema>;

/** The most recent history entries a case page shows; the count says how many there are in all. */
export const HISTORY_LIMIT = 200;

export const CaseDetailSchema = CaseSchema.extend({
  ring: RingFiguresSchema.extend({ id: z.string() }).nullable().meta({ description: 'The ring it follows as the last run wrote it; null when no current ring has its id' }),
  alerts: z.array(AlertViewSchema).meta({ description: 'Its open alerts, last raised first' }),
  history: z.array(CaseEventSchema).meta({ description: `What happened to it, newest first (at most ${HISTORY_LIMIT})` }),
  historyTotal: z.number().int(),
}).meta({ id: 'CaseDetail' });
export type CaseDetail = z.infer<typeof CaseDetailSchema>;

/**
 * A change to a case: a new status, an assignee (null unassigns), a note, or any of them at
 * once. `ifVersion` makes it conditional on the case being as the caller last read it.
 */
export const CaseUpdateRequestSchema = z
  .strictObject({
    status: CaseStatusSchema.optional(),
    assignee: AssigneeSchema.nullable().optional(),
    note: z.string().trim().min(1).max(4000).optional().meta({ description: 'Free text for the history (viewers do not see it)' }),
    ifVersion: z.number().int().min(1).optional().meta({ description: 'Refuse the change (409) unless the case still has this version' }),
  })
  .refine((r) => r.status !== undefined || r.assignee !== undefined || r.note !== undefined, { message: 'give a status, an assignee or a note' })
  // The same rule for clients and fuzzers reading the document.
  .meta({ id: 'CaseUpdate', anyOf: [{ required: ['status'] }, { required: ['assignee'] }, { required: ['note'] }] });
export type CaseUpdateRequest = z.infer<typeof CaseUpdateRequestSchema>;
