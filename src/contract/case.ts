import { z } from 'zod';
import { AlertKindSchema } from './alert';
import { IdentifierRefSchema } from './ring';

/**
 * Cases: an investigator's work on one ring, opened by an alert (or a review) and kept
 * across analysis runs and re-ingests. A case follows its ring: when a run gives the ring a
 * new id, the case moves to the ring that continues it (the same id, or the one holding
 * most of its members); when its ring merges into a ring that has a case of its own, the
 * case stays where it was and says so.
 */

export const CASE_STATUSES = ['open', 'investigating', 'confirmed', 'dismissed', 'closed'] as const;
export const CaseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

/** Statuses that say what the ring is, so new evidence against them is news (reviewedRingChanged). */
export const VERDICT_STATUSES = ['confirmed', 'dismissed', 'closed'] as const satisfies readonly CaseStatus[];
export const isVerdict = (status: CaseStatus): status is (typeof VERDICT_STATUSES)[number] => (VERDICT_STATUSES as readonly CaseStatus[]).includes(status);

/** An investigator's handle: letters, digits and . _ @ -, as single sign-on systems write user names. */
export const AssigneeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._@-]{1,100}$/, 'must be 1–100 letters, digits or . _ @ -')
  .meta({ description: 'Who works the case: a user name (letters, digits, . _ @ -)', example: 'li.wei' });

/** What the case knew of its ring when it was last judged: new evidence is measured against it. */
export const KnownRingSchema = z.object({
  members: z.array(z.string()),
  complaints: z.number().int(),
  tools: z.array(IdentifierRefSchema),
});
export type KnownRing = z.infer<typeof KnownRingSchema>;

export const CASE_EVENT_KINDS = [
  'opened',
  'alert',
  'reopened',
  'status',
  'assigned',
  'note',
  'review',
  'ringContinued',
  'mergedInto',
  'ringGone',
] as const;
export const CaseEventKindSchema = z.enum(CASE_EVENT_KINDS);

/**
 * One entry of a case's history, as facts. `by` is `system` for what analysis runs did, or
 * the role and key fingerprint of the person (never a key, never a name).
 */
export const CaseEventSchema = z
  .object({
    id: z.string(),
    at: z.string().meta({ format: 'date-time' }),
    by: z.string(),
    kind: CaseEventKindSchema,
    status: CaseStatusSchema.nullable().meta({ description: 'The status after the event, when it set one' }),
    assignee: z.string().nullable().meta({ description: 'assigned: the new assignee (null: unassigned)' }),
    note: z.string().nullable().meta({ description: 'Free text written by a person (withheld from viewers)' }),
    alertId: z.string().nullable(),
    alertKind: AlertKindSchema.nullable(),
    ringId: z.string().nullable().meta({ description: 'ringContinued / mergedInto: the ring it now follows or merged into' }),
    fromRingId: z.string().nullable().meta({ description: 'ringContinued: the ring id it followed before' }),
    otherCaseId: z.string().nullable().meta({ description: 'mergedInto: the case of the ring it merged into' }),
    newMembers: z.array(z.string()).nullable().meta({ description: 'reopened: members the case had not seen' }),
    newComplaints: z.number().int().nullable(),
    newTools: z.array(IdentifierRefSchema).nullable(),
  })
  .meta({ id: 'CaseEvent' });
export type CaseEvent = z.infer<typeof CaseEventSchema>;

export const CaseSchema = z
  .object({
    id: z.string(),
    ringId: z.string().meta({ description: 'The ring it follows (or followed last, if the ring is gone or merged away)' }),
    status: CaseStatusSchema,
    assignee: z.string().nullable(),
    openedAt: z.string().meta({ format: 'date-time' }),
    updatedAt: z.string().meta({ format: 'date-time' }),
    version: z.number().int().min(1).meta({ description: 'Grows with every change; send it back as ifVersion to refuse an update made on a stale read' }),
    mergedInto: z.string().nullable().meta({ description: 'The case of the ring its ring merged into; the case no longer follows a ring' }),
    reopened: z.number().int().meta({ description: 'Times new evidence reopened it after a dismissal or closing' }),
    openAlerts: z.number().int(),
  })
  .meta({ id: 'Case' });
export type Case = z.infer<typeof CaseSchema>;

/** A case as stored, with what it knew of its ring when last judged (its open alerts are counted when it is read). */
export const CaseRecordSchema = CaseSchema.omit({ openAlerts: true }).extend({ known: KnownRingSchema.nullable() });
export type CaseRecord = z.infer<typeof CaseRecordSchema>;

/** A blank history entry of one kind, so each writer only states what its event is about. */
export const caseEvent = (id: string, at: string, by: string, kind: CaseEvent['kind'], facts: Partial<CaseEvent> = {}): CaseEvent => ({
  id,
  at,
  by,
  kind,
  status: null,
  assignee: null,
  note: null,
  alertId: null,
  alertKind: null,
  ringId: null,
  fromRingId: null,
  otherCaseId: null,
  newMembers: null,
  newComplaints: null,
  newTools: null,
  ...facts,
});
