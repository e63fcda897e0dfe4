import { z } from 'zod';

/**
 * The ring contract: what a suspected ring says, from the detection core that finds it,
 * through Neo4j that stores it, to the API that serves it. These schemas are the single
 * source of the types; nothing here is prose. Sentences are rendered at the edges (API,
 * evidence pack, CLI) from these facts, and personal data is masked on the fields that
 * hold it (`identifier.id` of a phone), never by searching text.
 */

/** What a borrower can be tied to another borrower through. A `template` is a complaint text several borrowers filed, as seen through one recruiting ad. */
export const IDENTIFIER_KINDS = ['phone', 'device', 'voice', 'adSource', 'template'] as const;
export const IdentifierKindSchema = z.enum(IDENTIFIER_KINDS);
export type IdentifierKind = z.infer<typeof IdentifierKindSchema>;

/** The ways a borrower can be tied to an identifier; several may hold at once. */
export const USAGES = [
  'registeredPhone',
  'contactPhone',
  'complaintPhone',
  'callPhone',
  'deviceLogin',
  'complaintDevice',
  'callVoice',
  'recruitment',
  'templateComplaint',
] as const;
export const UsageSchema = z.enum(USAGES);
export type Usage = z.infer<typeof UsageSchema>;

export const IdentifierRefSchema = z.object({ kind: IdentifierKindSchema, id: z.string() }).meta({ id: 'IdentifierRef' });
export type IdentifierRef = z.infer<typeof IdentifierRefSchema>;

/**
 * `complaintCampaign`: several members complained, and their complaints were coordinated
 * (one template, one window, filed through shared phones or devices): the shape of a
 * proxy-complaint gang. `sharedOperator`: one person handles several identities (voice,
 * phones, handsets) with no complaint campaign: a family member, a broker, a caregiver,
 * or a gang whose complaints the platform never saw. Only campaigns are suspected gangs.
 */
export const RING_KINDS = ['complaintCampaign', 'sharedOperator'] as const;
export const RingKindSchema = z.enum(RING_KINDS);
export type RingKind = z.infer<typeof RingKindSchema>;

export const SIGNAL_NAMES = [
  'sharedVoice',
  'sharedOperatorPhone',
  'sharedDevice',
  'voiceMismatchRate',
  'failedIdentityRate',
  'complaintLockstep',
  'templateSimilarity',
  'specificAdSource',
  'complaintCoverage',
  'overdueShare',
] as const;
export const SignalNameSchema = z.enum(SIGNAL_NAMES);
export type SignalName = z.infer<typeof SignalNameSchema>;

/** Why a signal could not be observed for a ring: the records it needs are missing, which says nothing about innocence. */
export const UNOBSERVED_REASONS = [
  'noVoiceprints',
  'noPhoneRecords',
  'noDeviceRecords',
  'noVoiceChecks',
  'noIdentityChecks',
  'noTimedComplaints',
  'noComplaintTexts',
  'noRecruitments',
  'noOverdueStatus',
] as const;
export const UnobservedReasonSchema = z.enum(UNOBSERVED_REASONS);
export type UnobservedReason = z.infer<typeof UnobservedReasonSchema>;

export const SignalSchema = z
  .object({
    name: SignalNameSchema,
    observed: z.boolean(),
    unobservedBecause: UnobservedReasonSchema.nullable().meta({ description: 'Set when observed is false: which records were missing' }),
    value: z.number().min(0).max(1).nullable().meta({ description: 'Strength in [0, 1], to six decimals; null when not observed' }),
    weight: z.number().min(0).max(1).meta({ description: 'Share of the score, renormalised over the observed signals, to six decimals; 0 when not observed' }),
    contribution: z.number().min(0).max(1).meta({ description: 'value × weight, to six decimals; the contributions add up to the score to within rounding' }),
    count: z.number().int().min(0).meta({ description: 'Members showing the signal (credited members for shared tools)' }),
    of: z.number().int().min(0).meta({ description: 'Members for whom it could be observed' }),
    channelKind: z.string().nullable().meta({ description: 'complaintLockstep: the kind of channel the window was on' }),
    windowHours: z.number().nullable().meta({ description: 'complaintLockstep: the window' }),
    adSourceId: z.string().nullable().meta({ description: 'specificAdSource: the ad source' }),
    adSourceRecruits: z.number().int().nullable().meta({ description: 'specificAdSource: all its recruits' }),
  })
  .meta({ id: 'Signal' });
export type Signal = z.infer<typeof SignalSchema>;

/** One fact that ties a member into the ring. */
export const MemberReasonSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('sharedIdentifier'),
      identifier: IdentifierRefSchema,
      usages: z.array(UsageSchema),
      sharedWith: z.number().int().meta({ description: 'Other ring members tied to it' }),
      degree: z.number().int().meta({ description: 'Borrowers tied to it in all the data' }),
    }),
    z.object({ kind: z.literal('voiceMismatch'), failed: z.number().int(), checked: z.number().int() }),
    z.object({ kind: z.literal('identityFailed'), failed: z.number().int(), checked: z.number().int() }),
    z.object({ kind: z.literal('complaintLockstep'), channelKind: z.string(), others: z.number().int(), windowHours: z.number() }),
    z.object({ kind: z.literal('templateText'), others: z.number().int() }),
  ])
  .meta({ id: 'MemberReason' });
export type MemberReason = z.infer<typeof MemberReasonSchema>;

/** `operated`: someone else demonstrably acted in the member's name; `peripheral`: tied in by weaker means. */
export const MemberRoleSchema = z.enum(['operated', 'peripheral']);
export type MemberRole = z.infer<typeof MemberRoleSchema>;

export const RingMemberSchema = z
  .object({
    borrowerId: z.string(),
    role: MemberRoleSchema,
    weight: z.number().min(0).max(1).meta({ description: 'Tie strength to the rest of the ring, relative to the most tied member (1)' }),
    reasons: z.array(MemberReasonSchema),
  })
  .meta({ id: 'RingMember' });
export type RingMember = z.infer<typeof RingMemberSchema>;

/** A phone, device, voice, ad source or complaint template shared inside the ring: the agent's kit, most used first. */
export const RingToolSchema = z
  .object({
    kind: IdentifierKindSchema,
    id: z.string(),
    rank: z.number().int().min(1),
    members: z.number().int().meta({ description: 'Ring members it touches' }),
    degree: z.number().int().meta({ description: 'Borrowers it touches in all the data' }),
    usages: z.array(UsageSchema),
  })
  .meta({ id: 'Tool' });
export type RingTool = z.infer<typeof RingToolSchema>;

export const RingAncestorSchema = z.object({ ringId: z.string(), sharedMembers: z.number().int(), jaccard: z.number() });
export type RingAncestor = z.infer<typeof RingAncestorSchema>;

/** Which earlier rings fed this one; `split`/`merged` say the membership was redistributed. */
export const RingLineageSchema = z
  .object({
    from: z.array(RingAncestorSchema),
    keptId: z.boolean().meta({ description: 'The ring kept the id of an earlier ring' }),
    split: z.boolean().meta({ description: 'An earlier ring it came from also fed another current ring' }),
    merged: z.boolean().meta({ description: 'It holds members of more than one earlier ring' }),
  })
  .meta({ id: 'Lineage' });
export type RingLineage = z.infer<typeof RingLineageSchema>;

/** The complaints of the ring's members, in numbers. */
export const CampaignSchema = z
  .object({
    complainants: z.number().int().meta({ description: 'Members who filed at least one complaint' }),
    complaints: z.number().int(),
    coordinated: z.boolean().meta({ description: 'Complaints of several members share a template, a window or the phones and devices they came from' }),
    firstAt: z.string().nullable(),
    lastAt: z.string().nullable(),
  })
  .meta({ id: 'Campaign' });
export type Campaign = z.infer<typeof CampaignSchema>;

export const RingSchema = z
  .object({
    id: z.string(),
    kind: RingKindSchema,
    score: z.number().min(0).max(1).meta({ description: 'The weighted mean of the observed signals, to six decimals; the threshold is applied to this figure' }),
    suspected: z.boolean().meta({ description: 'A complaint campaign scoring at or above the threshold: a suspected gang' }),
    size: z.number().int(),
    operated: z.number().int().meta({ description: 'Members with role operated' }),
    signals: z.array(SignalSchema).meta({ description: 'Every signal, strongest contribution first; contributions sum to the score to within rounding' }),
    members: z.array(RingMemberSchema),
    tools: z.array(RingToolSchema),
    campaign: CampaignSchema,
    lineage: RingLineageSchema,
  })
  .meta({ id: 'Ring' });
export type Ring = z.infer<typeof RingSchema>;

/** Why an identifier was set aside: how it was used, and the limit it crossed. */
export const HubSchema = z
  .object({
    kind: IdentifierKindSchema,
    id: z.string(),
    degree: z.number().int(),
    action: z.enum(['cut', 'downweighted']),
    usage: z.enum(['passive', 'acting', 'adSource']).meta({ description: 'passive: held, never acted through; acting: used to complain, call or speak' }),
    limit: z.number().int().meta({ description: 'The degree above which it is cut, or downweighted' }),
    specificity: z.number().nullable().meta({ description: 'The weight kept, for downweighted identifiers' }),
  })
  .meta({ id: 'Hub' });
export type Hub = z.infer<typeof HubSchema>;

/** A ring from an earlier run, as the caller kept it. */
export interface PreviousRing {
  id: string;
  members: readonly string[];
  /** Whether it was a suspected gang (absent: not known, as for rings given by hand). */
  suspected?: boolean;
}

/** The signals that contribute most to a ring's score, strongest first: what a list shows of why. */
export const topSignals = (signals: readonly Signal[], count = 3): SignalName[] =>
  [...signals]
    .filter((s) => s.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution || a.name.localeCompare(b.name))
    .slice(0, count)
    .map((s) => s.name);
