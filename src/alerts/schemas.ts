import { z } from 'zod';
import { ALERT_SCHEMAS, AlertKindSchema, AlertStatusSchema, type AlertKind } from '../contract/alert';
import { Cursor, Limit, NextCursor } from '../investigation/schemas/common';
import { dateTimeMs } from './instant';

/** Whether a configured webhook has the alert as it is now; `notSent` when no receiver was configured when it was raised. */
export const AlertDeliverySchema = z
  .object({
    state: z.enum(['delivered', 'pending', 'notSent']),
    attempts: z.number().int().meta({ description: 'Failed attempts since the last delivery' }),
    nextAttemptAt: z.string().nullable().meta({ format: 'date-time' }),
    deliveredAt: z.string().nullable().meta({ format: 'date-time' }),
    lastError: z.string().nullable().meta({ description: 'Why the last attempt failed: a status or a connection error, never the URL' }),
  })
  .meta({ id: 'AlertDelivery' });
export type AlertDeliveryView = z.infer<typeof AlertDeliverySchema>;

const viewOf = <K extends AlertKind>(kind: K) =>
  ALERT_SCHEMAS[kind].extend({ summary: z.string().meta({ description: 'What changed and why, in words (the facts are in ring and change)' }), delivery: AlertDeliverySchema });

export const AlertViewSchema = z
  .discriminatedUnion('kind', [
    viewOf('newSuspectedRing'),
    viewOf('ringGrew'),
    viewOf('scoreCrossedThreshold'),
    viewOf('ringsMerged'),
    viewOf('ringSplit'),
    viewOf('reviewedRingChanged'),
  ])
  .meta({ id: 'AlertView' });
export type AlertView = z.infer<typeof AlertViewSchema>;

export const AlertIdParamsSchema = z.strictObject({ id: z.string().min(1).max(200).meta({ description: 'Alert id, e.g. alert-3b9e…' }) });

export const AlertListQuerySchema = z.strictObject({
  since: z
    .string()
    .max(100)
    .refine((text) => dateTimeMs(text) !== null, 'must be a date-time such as 2024-12-01T08:00:00Z')
    .optional()
    .meta({ format: 'date-time', description: 'Only alerts raised (or raised again) at or after this instant, e.g. the time of your last poll' }),
  status: AlertStatusSchema.optional(),
  kind: AlertKindSchema.optional(),
  ringId: z.string().min(1).max(200).optional(),
  limit: Limit,
  cursor: Cursor,
});
export type AlertListQuery = z.infer<typeof AlertListQuerySchema>;

export const AlertListSchema = z.object({ alerts: z.array(AlertViewSchema), nextCursor: NextCursor }).meta({ id: 'AlertList' });
export type AlertList = z.infer<typeof AlertListSchema>;
