import { z } from 'zod';

/**
 * What the scenario planted: the gangs a detector should find, and the innocent
 * structures that look like them and should not be reported.
 */

const Ids = z.array(z.string());
const Window = z.object({ from: z.string(), to: z.string() });

/**
 * How a gang works, and so which traces its members carry:
 * - `operatorKit`: the classic agent's kit. A few phones, devices and one or two voices
 *   behind every member: contact phone, logins, calls in the agent's voice, complaints.
 * - `freshPhone`: careful agents with a new SIM per member; devices and voice still shared.
 * - `wordsOnly`: the agent coaches each member, who calls and files from their own phone,
 *   handset and voice. No phone, device or voice is shared; only the recruiting ad, the
 *   near-identical complaint texts and the campaign's timing tie them together.
 * - `borrowerHandset`: the agent takes over each member's own SIM and handset, so phones and
 *   devices are the members' own; only the agent's voice on calls is shared.
 * - `multiOperator`: a large operation run by several operators, each with their own phone,
 *   device and voice, who stand in for one another; one template and one campaign.
 */
export const GangStyleSchema = z.enum(['operatorKit', 'freshPhone', 'wordsOnly', 'borrowerHandset', 'multiOperator']);

/**
 * Where a gang's complaint text comes from: its own template, one bought from a seller who
 * sold it to other gangs too, a public self-help template that innocent borrowers file as
 * well, or (the default and hard profiles) one of the three plain templates.
 */
export const TemplateSourceSchema = z.enum(['own', 'seller', 'public', 'plain']);

export const GangTruthSchema = z.object({
  id: z.string(),
  /** Borrowers the agent operated: the ring to find. */
  members: Ids,
  /** Recruited through the gang's ad sources but never operated; not members. */
  nonParticipants: Ids,
  agentPhones: Ids,
  devices: Ids,
  voiceprints: Ids,
  adSources: Ids,
  campaign: Window,
  traits: z.object({
    freshPhonePerBorrower: z.boolean(),
    usesBorrowerPhone: z.boolean(),
    sharedAdSource: z.boolean(),
    accompliceVoice: z.boolean(),
    hasNonParticipants: z.boolean(),
  }),
  style: GangStyleSchema,
  /** The people at the platform's end of the gang: one for a kit gang, several for a multi-operator one, none for words-only. */
  operators: z.array(z.object({ phones: Ids, devices: Ids, voiceprints: Ids })),
  template: z.object({ id: z.string(), source: TemplateSourceSchema }),
  /** Members who were not overdue when operated. */
  currentMembers: Ids,
});

/**
 * Every innocent structure that shares something a gang shares:
 * - `household`: family members sharing a tablet or a contact phone.
 * - `proxyFamily`: one relative handles the calls of 2–5 members: one voice on their calls,
 *   placed from the relative's phone, failing voice and identity checks; often one handset.
 * - `broker`: a loan intermediary (助贷中介) registered clients from their device, gave their
 *   own phone as contact, often under their own flyer; clients register within days.
 * - `caregiver`: a carer or social worker calling for several elderly clients in one voice.
 * - `hubDevice`: a public or resold device (repair shop, internet café) many log in from.
 * - `switchboard`: an employer's switchboard given as contact phone by its staff.
 * - `recycledNumber`: a number the carrier reassigned: two borrowers registered with it,
 *   and calls about the former holder reach the new one.
 * - `publicTemplate`: unrelated people filing one publicly circulating complaint template,
 *   each from their own phone, handset and voice, spread over weeks.
 * - `complaintBurst`: genuine complaints to one channel within days of a collection
 *   incident or a media report, in their own words or a public template.
 * - `flyerAudience`: honest borrowers recruited by the same local flyer or chat group.
 */
export const InnocentKindSchema = z.enum([
  'household',
  'proxyFamily',
  'broker',
  'caregiver',
  'hubDevice',
  'switchboard',
  'recycledNumber',
  'publicTemplate',
  'complaintBurst',
  'flyerAudience',
]);

export const InnocentGroupSchema = z.object({
  id: z.string(),
  kind: InnocentKindSchema,
  members: Ids,
  /** The identifiers the members share, as E.164 phones and ids. */
  shared: z.object({
    phones: Ids.optional(),
    devices: Ids.optional(),
    voiceprints: Ids.optional(),
    adSources: Ids.optional(),
    channelId: z.string().optional(),
    templateId: z.string().optional(),
  }),
  /** When the members' shared activity happened (bursts, public templates, a broker's registrations). */
  window: Window.optional(),
  cause: z.enum(['collectionIncident', 'mediaReport']).optional(),
  /** The member who handles the others' calls, when the relative is a borrower too. */
  handler: z.string().optional(),
});

export const HouseholdTruthSchema = z.object({
  id: z.string(),
  members: Ids,
  sharedPhone: z.string().optional(),
  sharedDevice: z.string().optional(),
});

export const TruthSchema = z.object({
  seed: z.number(),
  borrowers: z.number(),
  gangs: z.array(GangTruthSchema),
  households: z.array(HouseholdTruthSchema),
  hubDevices: z.array(z.object({ deviceId: z.string(), members: Ids })),
  switchboards: z.array(z.object({ phone: z.string(), members: Ids })),
  marketingAdSources: Ids,
  complaintBurst: z.object({
    channelId: z.string(),
    incidentAt: z.string(),
    until: z.string(),
    members: Ids,
  }),
  /** Every innocent group of every kind; households, hub devices, switchboards and the burst above are repeated here. */
  innocentGroups: z.array(InnocentGroupSchema),
});

export type GangStyle = z.infer<typeof GangStyleSchema>;
export type TemplateSource = z.infer<typeof TemplateSourceSchema>;
export type GangTraits = GangTruth['traits'];
export type InnocentKind = z.infer<typeof InnocentKindSchema>;
export type InnocentGroup = z.infer<typeof InnocentGroupSchema>;
export type GangTruth = z.infer<typeof GangTruthSchema>;
export type HouseholdTruth = z.infer<typeof HouseholdTruthSchema>;
export type Truth = z.infer<typeof TruthSchema>;

export const TRUTH_FILE = 'truth.json';
