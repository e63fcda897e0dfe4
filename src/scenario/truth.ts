import { z } from 'zod';

/**
 * What the scenario planted: the gangs a detector should find, and the innocent
 * structures that look like them and should not be reported.
 */

const Ids = z.array(z.string());

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
  campaign: z.object({ from: z.string(), to: z.string() }),
  traits: z.object({
    freshPhonePerBorrower: z.boolean(),
    usesBorrowerPhone: z.boolean(),
    sharedAdSource: z.boolean(),
    accompliceVoice: z.boolean(),
    hasNonParticipants: z.boolean(),
  }),
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
});

export type GangTruth = z.infer<typeof GangTruthSchema>;
export type HouseholdTruth = z.infer<typeof HouseholdTruthSchema>;
export type Truth = z.infer<typeof TruthSchema>;

export const TRUTH_FILE = 'truth.json';
