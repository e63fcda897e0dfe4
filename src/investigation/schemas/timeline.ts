import { z } from 'zod';
import { IsoDateTime } from './common';

const ComplaintEventSchema = z
  .object({
    type: z.literal('complaint'),
    id: z.string(),
    at: IsoDateTime.nullable(),
    borrowerId: z.string(),
    channelId: z.string().nullable(),
    claim: z.string().nullable(),
    text: z.string().nullable(),
    phone: z.string().nullable(),
    deviceId: z.string().nullable(),
  })
  .meta({ id: 'ComplaintEvent' });
export type ComplaintEvent = z.infer<typeof ComplaintEventSchema>;

const CallEventSchema = z
  .object({
    type: z.literal('call'),
    id: z.string(),
    at: IsoDateTime.nullable(),
    borrowerId: z.string(),
    phone: z.string().nullable(),
    voiceprintId: z.string().nullable(),
    voiceMatch: z.boolean().nullable(),
    identityVerified: z.boolean().nullable(),
  })
  .meta({ id: 'CallEvent' });
export type CallEvent = z.infer<typeof CallEventSchema>;

export const TimelineEventSchema = z.discriminatedUnion('type', [ComplaintEventSchema, CallEventSchema]).meta({ id: 'TimelineEvent' });
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

export const ChannelSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    kind: z.string().nullable(),
    complaints: z.number().int(),
    members: z.number().int().meta({ description: 'Ring members who complained through it' }),
  })
  .meta({ id: 'TargetedChannel' });
export type Channel = z.infer<typeof ChannelSchema>;

export const DemandFigureSchema = z.object({ complaintId: z.string(), amount: z.number(), quote: z.string() }).meta({ id: 'DemandFigure' });
export type DemandFigure = z.infer<typeof DemandFigureSchema>;

export const AmountsSchema = z
  .object({
    outstandingPrincipal: z.object({ total: z.number(), borrowersWithFigure: z.number().int() }),
    demandedInComplaints: z.object({
      total: z.number(),
      complaintsWithFigure: z.number().int(),
      complaintsRead: z.number().int(),
      figures: z.array(DemandFigureSchema),
    }),
    note: z.string(),
  })
  .meta({ id: 'Amounts' });
export type Amounts = z.infer<typeof AmountsSchema>;
