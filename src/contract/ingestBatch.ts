import { z } from 'zod';
import { normalisePhone } from './phone';
import { EntityId, isWellFormed, LONE_SURROGATE_MESSAGE, quoteInput, StoredText } from './text';
import { Timestamp } from './timestamp';

/**
 * The ingest contract, version 1. These schemas are the single source of truth: the
 * HTTP API, the bulk loader, the scenario generator and the OpenAPI document all
 * derive from them.
 */

const Id = EntityId;
const Text = StoredText(20_000);
/** Borrower names sit in a text index, whose entries Neo4j caps at 32 KiB of UTF-8; 1,000 characters stay far below. */
const Name = StoredText(1_000);
const ShortText = StoredText(200);

/** No written phone number, with spaces and a country code, comes near this; longer input is refused unread. */
export const MAX_PHONE_LENGTH = 40;

export const PhoneNumber = z
  .string()
  .max(MAX_PHONE_LENGTH, `must be at most ${MAX_PHONE_LENGTH} characters`)
  .refine(isWellFormed, { message: LONE_SURROGATE_MESSAGE, abort: true })
  .transform((raw, ctx) => {
    const e164 = normalisePhone(raw);
    if (e164 === null) {
      ctx.addIssue({ code: 'custom', message: `${quoteInput(raw)} is not a valid phone number` });
      return z.NEVER;
    }
    return e164;
  })
  .meta({ description: 'A phone number in any common format (E.164 such as +8613800000000, or national such as 138 0000 0000, read as Chinese); stored in E.164' });

export const PhoneRole = z.enum(['registered', 'contact']);
export const AdSourceKind = z.enum(['street_flyer', 'chat_group', 'social_account', 'website', 'other']);
export const ChannelKind = z.enum(['regulator', 'consumer_platform', 'social_media', 'in_app', 'other']);

export const BorrowerSchema = z.strictObject({
  id: Id,
  name: Name.optional(),
  idNumberHash: ShortText.optional(),
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
  claim: ShortText.optional(),
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
