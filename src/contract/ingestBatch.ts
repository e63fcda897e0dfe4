import { z } from 'zod';
import { normalisePhone } from './phone';

/**
 * The ingest contract, version 1. These schemas are the single source of truth: the
 * HTTP API, the bulk loader, the scenario generator and the OpenAPI document all
 * derive from them.
 */

const Id = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const Timestamp = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time, e.g. 2024-02-01T09:00:00Z' });
const Text = z.string().max(20_000);

export const PhoneNumber = z.string().transform((raw, ctx) => {
  const e164 = normalisePhone(raw);
  if (e164 === null) {
    ctx.addIssue({ code: 'custom', message: `"${raw}" is not a valid phone number` });
    return z.NEVER;
  }
  return e164;
});

export const PhoneRole = z.enum(['registered', 'contact']);
export const AdSourceKind = z.enum(['street_flyer', 'chat_group', 'social_account', 'website', 'other']);
export const ChannelKind = z.enum(['regulator', 'consumer_platform', 'social_media', 'in_app', 'other']);

export const BorrowerSchema = z.strictObject({
  id: Id,
  name: Text.optional(),
  idNumberHash: z.string().max(200).optional(),
  registeredAt: Timestamp.optional(),
  overdueDays: z.number().int().min(0).optional(),
  outstandingPrincipal: z.number().min(0).optional(),
});

export const PhoneLinkSchema = z.strictObject({
  borrowerId: Id,
  phone: PhoneNumber,
  role: PhoneRole.default('registered'),
});

export const DeviceLinkSchema = z.strictObject({
  borrowerId: Id,
  deviceId: Id,
  seenAt: Timestamp.optional(),
});

export const AdSourceSchema = z.strictObject({
  id: Id,
  kind: AdSourceKind.optional(),
  label: Text.optional(),
});

export const RecruitmentSchema = z.strictObject({
  borrowerId: Id,
  adSourceId: Id,
  at: Timestamp.optional(),
});

export const ComplaintChannelSchema = z.strictObject({
  id: Id,
  name: Text.optional(),
  kind: ChannelKind.optional(),
});

export const ComplaintSchema = z.strictObject({
  id: Id,
  borrowerId: Id,
  channelId: Id,
  filedAt: Timestamp.optional(),
  phone: PhoneNumber.optional(),
  deviceId: Id.optional(),
  claim: z.string().max(200).optional(),
  text: Text.optional(),
});

export const CallSchema = z.strictObject({
  id: Id,
  borrowerId: Id,
  phone: PhoneNumber.optional(),
  at: Timestamp.optional(),
  voiceprintId: Id.optional(),
  voiceMatch: z.boolean().optional(),
  identityVerified: z.boolean().optional(),
});

/** One schema per array of the batch, in the order they are written (referenced entities first). */
export const RecordSchemas = {
  borrowers: BorrowerSchema,
  adSources: AdSourceSchema,
  complaintChannels: ComplaintChannelSchema,
  phoneLinks: PhoneLinkSchema,
  deviceLinks: DeviceLinkSchema,
  recruitments: RecruitmentSchema,
  complaints: ComplaintSchema,
  calls: CallSchema,
} as const;

export type RecordKind = keyof typeof RecordSchemas;
export const RECORD_KINDS = Object.keys(RecordSchemas) as RecordKind[];

/** Every array of a batch is optional; the batch's shape is derived from `RecordSchemas`, never listed twice. */
function batchShape<T extends Record<string, z.ZodType>>(schemas: T): { [K in keyof T]: z.ZodOptional<z.ZodArray<T[K]>> } {
  return Object.fromEntries(Object.entries(schemas).map(([kind, schema]) => [kind, z.array(schema).optional()])) as {
    [K in keyof T]: z.ZodOptional<z.ZodArray<T[K]>>;
  };
}

export const IngestBatchSchema = z.strictObject(batchShape(RecordSchemas));

export type Borrower = z.infer<typeof BorrowerSchema>;
export type PhoneLink = z.infer<typeof PhoneLinkSchema>;
export type DeviceLink = z.infer<typeof DeviceLinkSchema>;
export type AdSource = z.infer<typeof AdSourceSchema>;
export type Recruitment = z.infer<typeof RecruitmentSchema>;
export type ComplaintChannel = z.infer<typeof ComplaintChannelSchema>;
export type Complaint = z.infer<typeof ComplaintSchema>;
export type Call = z.infer<typeof CallSchema>;
/** A batch after validation: phones are E.164, defaults applied. */
export type IngestBatch = z.infer<typeof IngestBatchSchema>;
/** What a client sends, before validation. */
export type IngestBatchInput = z.input<typeof IngestBatchSchema>;
export type RecordOf<K extends RecordKind> = z.infer<(typeof RecordSchemas)[K]>;
