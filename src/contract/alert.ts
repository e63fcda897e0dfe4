import { z } from 'zod';
import { IdentifierRefSchema, RingKindSchema } from './ring';

/**
 * Alerts: what changed in the rings between two analysis runs that an investigator should
 * look at, as facts (sizes, scores, ring ids, the members and tools that are new). Sentences
 * are rendered at the edge (alertWording.ts); phones among the tools are masked for viewers
 * on the field that holds them.
 */

/**
 * - `newSuspectedRing`: a suspected gang that continues no ring the alerts knew.
 * - `ringGrew`: a suspected gang that gained at least k members since the last run.
 * - `scoreCrossedThreshold`: a ring that was stored but not suspected (a shared-operator
 *   cluster) is now a suspected gang. Campaigns below the threshold are not stored, so a
 *   campaign crossing it for the first time is a new suspected ring.
 * - `ringsMerged`: a suspected gang holding members of two or more earlier rings.
 * - `ringSplit`: an earlier suspected gang whose members went into two or more rings; raised
 *   on each suspected part.
 * - `reviewedRingChanged`: a ring whose case was confirmed, dismissed or closed gained
 *   members, complaints or tools the case had not seen; dismissed and closed cases reopen.
 */
export const ALERT_KINDS = ['newSuspectedRing', 'ringGrew', 'scoreCrossedThreshold', 'ringsMerged', 'ringSplit', 'reviewedRingChanged'] as const;
export const AlertKindSchema = z.enum(ALERT_KINDS);
export type AlertKind = z.infer<typeof AlertKindSchema>;

/** `open` until someone works the alert's case (any change of its status); a new event of the same kind on the same ring then opens a new alert. */
export const AlertStatusSchema = z.enum(['open', 'closed']);
export type AlertStatus = z.infer<typeof AlertStatusSchema>;

/**
 * A ring as alert derivation keeps it between runs: enough to tell what changed (members,
 * complaints, tools) and how it ranks (kind, score, suspected).
 */
export const RingSnapshotSchema = z.object({
  id: z.string(),
  kind: RingKindSchema,
  score: z.number(),
  suspected: z.boolean(),
  members: z.array(z.string()),
  complaints: z.number().int(),
  tools: z.array(IdentifierRefSchema),
});
export type RingSnapshot = z.infer<typeof RingSnapshotSchema>;

/** A ring in numbers, as an alert shows it before and after. */
export const RingFiguresSchema = z
  .object({
    kind: RingKindSchema,
    score: z.number(),
    suspected: z.boolean(),
    size: z.number().int(),
    complaints: z.number().int(),
  })
  .meta({ id: 'RingFigures' });
export type RingFigures = z.infer<typeof RingFiguresSchema>;

const PreviousRingSchema = RingFiguresSchema.extend({ ringId: z.string().meta({ description: 'The ring it continues: the same id, or the earlier ring most of whose members it holds' }) }).meta({ id: 'PreviousRing' });

/** Members listed in an alert: the first of them, with the count of all. */
export const MAX_LISTED_MEMBERS = 50;
const MemberIds = z.array(z.string()).meta({ description: `Borrower ids, at most ${MAX_LISTED_MEMBERS}` });

export const VerdictStatusSchema = z.enum(['confirmed', 'dismissed', 'closed']);

const AlertBase = z.object({
  id: z.string(),
  ringId: z.string().meta({ description: 'The ring the alert is about, as of the run that raised it last' }),
  status: AlertStatusSchema,
  firstRaisedAt: z.string().meta({ format: 'date-time' }),
  raisedAt: z.string().meta({ format: 'date-time', description: 'When it was raised last: an open alert raised again for the same ring and reason is updated, not repeated' }),
  runId: z.string().meta({ description: 'The analysis run that raised it last' }),
  occurrences: z.number().int().min(1).meta({ description: 'Runs that raised it' }),
  caseId: z.string().nullable().meta({ description: 'The case it opened or updated' }),
  ring: RingFiguresSchema.meta({ description: 'The ring when the alert was raised last' }),
});

/** The change each kind of alert reports, beside the ring's figures. */
export const ALERT_CHANGES = {
  newSuspectedRing: {},
  ringGrew: {
    previous: PreviousRingSchema,
    added: z.number().int().meta({ description: 'Members it did not have at the previous run' }),
    addedMembers: MemberIds,
    removed: z.number().int(),
  },
  scoreCrossedThreshold: { previous: PreviousRingSchema, threshold: z.number() },
  ringsMerged: {
    from: z.array(z.object({ ringId: z.string(), sharedMembers: z.number().int(), suspected: z.boolean(), caseId: z.string().nullable() })).meta({ description: 'The earlier rings it holds members of, most shared first' }),
  },
  ringSplit: {
    previous: PreviousRingSchema,
    parts: z.array(z.object({ ringId: z.string(), sharedMembers: z.number().int() })).meta({ description: 'Every current ring holding members of the earlier one, this one included' }),
  },
  reviewedRingChanged: {
    verdict: VerdictStatusSchema.meta({ description: 'The case status the change was measured against' }),
    newMembers: z.number().int(),
    newMemberIds: MemberIds,
    newComplaints: z.number().int(),
    newTools: z.array(IdentifierRefSchema),
    reopened: z.boolean().meta({ description: 'The case was dismissed or closed and is open again' }),
  },
} satisfies Record<AlertKind, z.ZodRawShape>;

const alertOf = <K extends AlertKind>(kind: K) => AlertBase.extend({ kind: z.literal(kind), change: z.object(ALERT_CHANGES[kind]) });

/** One schema per kind, for code that handles a kind at a time (storage, wording). */
export const ALERT_SCHEMAS = {
  newSuspectedRing: alertOf('newSuspectedRing'),
  ringGrew: alertOf('ringGrew'),
  scoreCrossedThreshold: alertOf('scoreCrossedThreshold'),
  ringsMerged: alertOf('ringsMerged'),
  ringSplit: alertOf('ringSplit'),
  reviewedRingChanged: alertOf('reviewedRingChanged'),
};

export const AlertSchema = z.discriminatedUnion('kind', Object.values(ALERT_SCHEMAS) as [(typeof ALERT_SCHEMAS)[AlertKind], ...(typeof ALERT_SCHEMAS)[AlertKind][]]).meta({ id: 'Alert' });
export type Alert = z.infer<typeof AlertSchema>;
export type AlertOf<K extends AlertKind> = Extract<Alert, { kind: K }>;
/** What an event of one kind reports, before it is an alert (no id, status or dates yet). */
export type AlertEvent = { [K in AlertKind]: { kind: K; ringId: string; ring: RingFigures; change: AlertOf<K>['change'] } }[AlertKind];
