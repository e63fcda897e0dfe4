import { z } from 'zod';

/**
 * How strongly each way of using an identifier ties two borrowers together, in [0, 1].
 * The order follows how hard the usage is to explain innocently: one voice speaking for
 * several borrowers is close to proof that one person operates them; a phone that files
 * complaints or places calls for several borrowers is an operator's phone; a device that
 * files complaints is the agent's handset; logins and contact phones are shared by
 * households; a registered phone is shared by family; an ad source only says where
 * people came from.
 */
export const UsageStrengthSchema = z.strictObject({
  callVoice: z.number().min(0).max(1).default(1),
  complaintPhone: z.number().min(0).max(1).default(0.9),
  callPhone: z.number().min(0).max(1).default(0.9),
  complaintDevice: z.number().min(0).max(1).default(0.7),
  deviceLogin: z.number().min(0).max(1).default(0.4),
  contactPhone: z.number().min(0).max(1).default(0.3),
  registeredPhone: z.number().min(0).max(1).default(0.2),
  recruitment: z.number().min(0).max(1).default(0.1),
});
export type UsageStrength = z.infer<typeof UsageStrengthSchema>;

/**
 * Weight of each named ring signal in the score. They are normalised to sum to 1, so a
 * score is a weighted mean of signal values in [0, 1]. Behavioural signals that need an
 * operator (voice, operator phone, lockstep, templates) carry most of the weight; the
 * ones a household or an ordinary overdue population also shows (device, overdue, ad
 * source) carry little.
 */
export const SignalWeightsSchema = z.strictObject({
  sharedVoice: z.number().min(0).default(0.2),
  sharedOperatorPhone: z.number().min(0).default(0.16),
  complaintLockstep: z.number().min(0).default(0.14),
  templateSimilarity: z.number().min(0).default(0.14),
  voiceMismatchRate: z.number().min(0).default(0.08),
  failedIdentityRate: z.number().min(0).default(0.06),
  sharedDevice: z.number().min(0).default(0.08),
  overdueShare: z.number().min(0).default(0.06),
  specificAdSource: z.number().min(0).default(0.08),
});
export type SignalWeights = z.infer<typeof SignalWeightsSchema>;
export type SignalName = keyof SignalWeights;

/**
 * Default score above which a ring is reported as suspected. Origin: with the default
 * weights, what a family or a crowd of unrelated overdue borrowers can show without any
 * operator adds up to at most 0.30 (a shared login at half credit 0.04, all overdue 0.06,
 * one common ad source 0.08, and even a relative calling for a partner, a voice shared by
 * two at half credit, 0.10; honest voice and identity failures add a few hundredths).
 * The threshold sits 0.05 above that ceiling, so a ring needs some operator evidence on
 * top of every weak signal, e.g. a quarter of its members under one voice. On generated
 * populations of 20k–200k borrowers, planted gangs score 0.43 and above, innocent
 * groups 0.20 and below.
 */
export const DEFAULT_SUSPECT_THRESHOLD = 0.35;

export type ProgressCallback = (stage: string, done: number, total: number) => void;

export const DetectionOptionsSchema = z.strictObject({
  /** Seeds Louvain's random walk; the same evidence and seed give the same rings. */
  seed: z.number().int().default(42),
  /**
   * Louvain resolution γ, applied per connected component. Splitting a component in two
   * raises modularity only when less than γ/2 of its tie weight crosses the split, so 0.5
   * splits groups joined by a few stray ties (a member's household, a shared flyer) but
   * keeps a gang whole even when its members fall into sub-groups by phone and handset.
   */
  resolution: z.number().positive().default(0.5),
  /** Communities smaller than this are not rings (two people are a pair, not a gang). */
  minRingSize: z.number().int().min(2).default(3),
  /**
   * Hub cut for identifiers nobody acted through (registered or contact phones, device
   * logins): a family shares one among a handful of people, so one shared by more is a
   * switchboard, a public device or a resold phone, and ties strangers together.
   */
  passiveHubDegree: z.number().int().min(2).default(12),
  /**
   * Hub cut for identifiers that complained, called or spoke for at least two borrowers.
   * An agent works dozens of identities through one phone, device or voice, so these are
   * kept far beyond household size; only call centres and shared lines reach this many.
   */
  activeHubDegree: z.number().int().min(2).default(150),
  /** Hub cut for ad sources: big marketing channels bring thousands; a flyer, dozens. */
  adSourceHubDegree: z.number().int().min(2).default(200),
  /** Passive identifiers shared by more borrowers than a household, yet kept, are reported as down-weighted. */
  downweightDegree: z.number().int().min(2).default(6),
  /** `c` in the FRAUDAR-style specificity 1 / ln(degree + c). */
  specificityOffset: z.number().min(1.5).default(5),
  /**
   * Identifiers with more borrowers than this are projected sparsely instead of as a
   * clique, so projection edges grow as degree × log(degree), not degree². Acting
   * identifiers are rarely this large and passive ones are cut far earlier, so with the
   * defaults this only bounds ad sources and deliberately raised hub limits.
   */
  cliqueDegree: z.number().int().min(2).default(100),
  usageStrength: UsageStrengthSchema.prefault({}),
  signalWeights: SignalWeightsSchema.prefault({}).refine(
    (w) => Object.values(w).some((v) => v > 0),
    'at least one signal weight must be positive',
  ),
  suspectThreshold: z.number().min(0).max(1).default(DEFAULT_SUSPECT_THRESHOLD),
  /** An identifier counts as an operator's tool once it serves this many ring members. */
  operatorMinMembers: z.number().int().min(2).default(3),
  /**
   * Complaints by different members through one kind of channel within this window are
   * lockstep. An agent files a batch over days to a couple of weeks; unrelated borrowers
   * complain about 2% a year each, so three of them within one week is rare by chance.
   */
  lockstepWindowHours: z.number().positive().default(168),
  /** Two complaint texts with character-shingle Jaccard at least this are one template. */
  templateJaccard: z.number().min(0).max(1).default(0.5),
  shingleSize: z.number().int().min(2).default(4),
  /** Bounds the quadratic text comparison inside one ring. */
  maxTextsPerRing: z.number().int().min(2).default(300),
  /** A ring keeps a previous id when its members overlap that ring by at least this Jaccard. */
  idJaccard: z.number().min(0).max(1).default(0.5),
  /** Tools listed per ring, most used first. */
  maxTools: z.number().int().min(1).default(20),
  onProgress: z
    .custom<ProgressCallback>((v) => typeof v === 'function', 'must be a function (stage, done, total)')
    .optional(),
});

export type DetectionOptions = z.infer<typeof DetectionOptionsSchema>;
export type DetectionOptionsInput = z.input<typeof DetectionOptionsSchema>;

export const DEFAULT_DETECTION_OPTIONS: Readonly<DetectionOptions> = Object.freeze(DetectionOptionsSchema.parse({}));

/** Validates options up front and fails with a message naming the module and the field. */
export function parseDetectionOptions(input: Partial<DetectionOptionsInput> = {}): DetectionOptions {
  const parsed = DetectionOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new RangeError(`detection: invalid options: ${detail}`);
  }
  return parsed.data;
}
