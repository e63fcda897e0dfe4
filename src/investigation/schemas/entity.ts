import { z } from 'zod';
import { HubSchema, RingKindSchema } from '../../contract/ring';
import { EvidencePathSchema, IsoDateTime } from './common';
import { MemberSchema } from './ring';

export const BorrowerParamsSchema = z.strictObject({ id: z.string().min(1).max(200) });
export const PhoneParamsSchema = z.strictObject({ number: z.string().min(1).max(40).meta({ description: 'Any format the ingest contract accepts, e.g. +8613800000000 or 138 0000 0000' }) });
export const DeviceParamsSchema = z.strictObject({ id: z.string().min(1).max(200) });

const RingMembershipSchema = MemberSchema.omit({ borrowerId: true })
  .extend({ ringId: z.string(), score: z.number(), kind: RingKindSchema })
  .meta({ id: 'RingMembership' });

export const BorrowerViewSchema = z
  .object({
    borrower: z.object({
      id: z.string(),
      name: z.string().nullable(),
      idNumberHash: z.string().nullable(),
      registeredAt: IsoDateTime.nullable(),
      overdueDays: z.number().nullable(),
      outstandingPrincipal: z.number().nullable(),
    }),
    phones: z.array(z.object({ number: z.string(), role: z.string().nullable() })),
    devices: z.array(z.object({ id: z.string() })),
    adSources: z.array(z.object({ id: z.string(), kind: z.string().nullable(), label: z.string().nullable() })),
    complaints: z.number().int(),
    calls: z.number().int(),
    rings: z.array(RingMembershipSchema),
    evidencePaths: z.array(EvidencePathSchema),
    maskedPersonalData: z.boolean(),
  })
  .meta({ id: 'BorrowerView' });
export type BorrowerView = z.infer<typeof BorrowerViewSchema>;

export const IdentifierViewSchema = z
  .object({
    identifier: z.object({ kind: z.enum(['phone', 'device']), id: z.string() }),
    borrowers: z.array(
      z.object({ borrowerId: z.string(), name: z.string().nullable(), usages: z.array(z.string()), ringIds: z.array(z.string()) }),
    ),
    borrowersTotal: z.number().int(),
    rings: z.array(
      z.object({
        ringId: z.string(),
        score: z.number(),
        toolRank: z.number().int().nullable().meta({ description: 'Rank among the ring\'s tools, or null when only linked through members' }),
        linkedMembers: z.number().int(),
      }),
    ),
    hub: HubSchema.omit({ kind: true, id: true }).extend({ reason: z.string() }).nullable().meta({ description: 'Set when the last run cut or down-weighted it as a hub, and why' }),
    evidencePaths: z.array(EvidencePathSchema),
    maskedPersonalData: z.boolean(),
  })
  .meta({ id: 'IdentifierView' });
export type IdentifierView = z.infer<typeof IdentifierViewSchema>;

export const SearchQuerySchema = z.strictObject({
  q: z.string().trim().min(2, 'must be at least 2 characters').max(100),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuerySchema>;

export const SearchResultSchema = z
  .object({
    results: z.array(
      z.object({
        type: z.enum(['borrower', 'phone', 'device']),
        id: z.string(),
        label: z.string(),
        match: z.enum(['id', 'phone', 'device', 'name']),
        ringIds: z.array(z.string()),
      }),
    ),
    maskedPersonalData: z.boolean(),
  })
  .meta({ id: 'SearchResult' });
export type SearchResult = z.infer<typeof SearchResultSchema>;
