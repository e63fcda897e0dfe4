import { z } from 'zod';
import type { SignalName } from '../contract/ring';

/**
 * How strongly each way of using an identifier ties two borrowers together, in [0, 1].
 * The order follows how hard the usage is to explain innocently: one voice speaking for
 * several borrowers is close to proof that one person operates them; a phone that files
 * complaints or places calls for several borrowers is an operator's phone; a device that
 * files complaints is the agent's handset; logins and contact phones are shared by
 * households; a registered phone is shared by family; an ad source only says where
 * people came from. A campaign template (many filers of one text through one small ad
 * source) says the agent wrote their complaints, but not that he also holds their phone.
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
  templateComplaint: z.number().min(0).max(1).default(0.7),
});
export type UsageStrength = z.infer<typeof UsageStrengthSchema>;

/**
 * Weight of each named ring signal in the score. A ring's score is the weighted mean of
 * the signals that could be observed for it (a ring whose calls carry no voiceprint is
 * scored without the voice signals, not as if its voices were innocent). Operator
 * evidence (a voice, a phone, a handset acting for several identities; voices and
 * identity checks that fail) and campaign evidence (complaints in lockstep, from one
 * template, by members recruited through one small ad source, by most members) carry
 * most of the weight; what ordinary overdue borrowers and families also show (a shared
 * device, being overdue) carries little.
 */
const weight = (value: number) => z.number().min(0).max(100).default(value);
export const SignalWeightsSchema = z.strictObject({
  sharedVoice: weight(0.16),
  sharedOperatorPhone: weight(0.14),
  sharedDevice: weight(0.06),
  voiceMismatchRate: weight(0.08),
  failedIdentityRate: weight(0.05),
  complaintLockstep: weight(0.12),
  templateSimilarity: weight(0.14),
  specificAdSource: weight(0.1),
  complaintCoverage: weight(0.1),
  overdueShare: weight(0.05),
} satisfies Record<SignalName, unknown>);
export type SignalWeights = z.infer<typeof SignalWeightsSchema>;
export type { SignalName };

/**
 * Default score above which a complaint campaign is reported as a suspected gang. The
 * campaign gate (coordinated complaints by several members) keeps families, brokers and
 * caregivers out of the queue whatever their score; among campaigns, the threshold
 * separates those with operator or recruitment evidence behind them from coordinated
 * complaints by people nobody operates. Measured on the field profile at 200,000
 * borrowers: the innocent campaigns (flyer audiences, a burst, a public template
 * crossing a household) score 0.20–0.34, most below 0.30, while 95% of the gangs' score
 * above 0.34 and the words-only gangs, which show only their flyer, timing and texts,
 * from 0.30. The threshold was chosen there and checked on the default and hard profiles.
 */
export const DEFAULT_SUSPECT_THRESHOLD = 0.3;

/** Membership overlap from which a ring counts as the same ring as in the last run. */
export const DEFAULT_ID_JACCARD = 0.5;

export type ProgressCallback = (stage: string, done: number, total: number) => void;

/** Degrees and counts are bounded so a typo cannot make a run read nothing as a hub or everything as one. */
const degree = (value: number) => z.number().int().min(2).max(1_000_000).default(value);

export const DetectionOptionsSchema = z.strictObject({
  /** Seeds Louvain's random walk and the MinHash functions; the same evidence and seed give the same rings. */
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(42),
  /**
   * Louvain resolution γ, applied per connected component. Splitting a component in two
   * raises modularity only when less than γ/2 of its tie weight crosses the split, so 0.5
   * splits groups joined by a few stray ties (a member's household, a shared flyer) but
   * keeps a gang whole even when its members fall into sub-groups by phone and handset.
   * Above 10 every borrower is its own community: not a useful setting.
   */
  resolution: z.number().positive().min(0.01).max(10).default(0.5),
  /** Shared-operator clusters smaller than this are not listed: a relative handling one other person's calls is everyday life. */
  minRingSize: z.number().int().min(2).max(1000).default(3),
  /**
   * Complaint campaigns as small as this are reported. A gang of three whose third member
   * left no trace still shows as two recruits of one flyer complaining together in one
   * surprising window; reporting the pair finds it. Set to 3 to list pairs no more.
   */
  minCampaignSize: z.number().int().min(2).max(1000).default(2),
  /**
   * Hub cut for identifiers nobody acted through (registered or contact phones, device
   * logins): a family shares one among a handful of people, so one shared by more is a
   * switchboard, a public device or a resold phone, and ties strangers together.
   */
  passiveHubDegree: degree(12),
  /**
   * Hub cut for identifiers that complained, called or spoke for at least two borrowers.
   * An agent works dozens of identities through one phone, device or voice, so these are
   * kept far beyond household size; only call centres and shared lines reach this many.
   */
  activeHubDegree: degree(150),
  /** Hub cut for ad sources: big marketing channels bring thousands; a flyer, dozens. */
  adSourceHubDegree: degree(200),
  /** Passive identifiers shared by more borrowers than a household, yet kept, are reported as down-weighted. */
  downweightDegree: degree(6),
  /** `c` in the FRAUDAR-style specificity 1 / ln(degree + c). */
  specificityOffset: z.number().min(1.5).max(1000).default(5),
  /**
   * Identifiers with more borrowers than this are projected sparsely instead of as a
   * clique, so projection edges grow as degree × log(degree), not degree². Acting
   * identifiers are rarely this large and passive ones are cut far earlier, so with the
   * defaults this only bounds ad sources, big campaigns and deliberately raised hub limits.
   */
  cliqueDegree: z.number().int().min(2).max(10_000).default(100),
  usageStrength: UsageStrengthSchema.prefault({}),
  signalWeights: SignalWeightsSchema.prefault({}).refine(
    (w) => Object.values(w).some((v) => v > 0),
    'at least one signal weight must be positive',
  ),
  suspectThreshold: z.number().min(0).max(1).default(DEFAULT_SUSPECT_THRESHOLD),
  /** An identifier counts as an operator's tool once it serves this many ring members. */
  operatorMinMembers: z.number().int().min(2).max(1000).default(3),
  /**
   * A complaint campaign needs at least this many members who complained, with their
   * complaints coordinated. One relative complaining once for a parent is not a campaign.
   */
  campaignMinComplainants: z.number().int().min(1).max(1000).default(2),
  /**
   * Complaints by different members through one kind of channel within this window are
   * lockstep. An agent files a batch over days to a couple of weeks; unrelated borrowers
   * complain about 2% a year each, so three of them within one week is rare by chance.
   */
  lockstepWindowHours: z.number().positive().max(24 * 366).default(168),
  /**
   * Two complaint texts with character-shingle Jaccard at least this share a template. A
   * gang's pastes drift (names, amounts, reworded sentences): in the field profile only one
   * pair of a gang's texts in four reaches 0.5, four in ten reach 0.4. Texts in people's
   * own words rarely come near: there, 99 pairs of unrelated complaints in 100 (public
   * templates left aside) stay under 0.36. Filers are tied fully only by closer pastes
   * (FAITHFUL_PASTE in recruitmentCampaigns.ts).
   */
  templateJaccard: z.number().min(0.1).max(1).default(0.4),
  shingleSize: z.number().int().min(2).max(20).default(4),
  /** Bounds the pairwise text comparison inside one ring or one ad source's recruits. */
  maxTextsPerRing: z.number().int().min(2).max(5000).default(400),
  /** Shorter texts (after masking) say too little to be called a template: "催收骚扰" is everyone's complaint. */
  templateMinChars: z.number().int().min(1).max(2000).default(24),
  /**
   * A recruitment campaign ties its filers when that many of the source's recruits
   * complaining within its window would happen by chance, at the platform's own complaint
   * rate, with probability below this.
   */
  campaignSurprise: z.number().positive().max(1).default(0.001),
  /**
   * A campaign is split where nobody filed for this many days: an agent files his batch
   * over days to weeks, and a gang of few filers often pauses for a month within it (at 30
   * days the field profile's gangs split into halves neither of which is the gang), so
   * only 45 days' silence separates two campaigns.
   */
  campaignGapDays: z.number().positive().max(366).default(45),
  /**
   * Campaigns of two ad sources running in the same weeks are one agent's when their
   * filers paste one template (template cores at least this alike, Jaccard), closer to
   * each other than to any other campaign by `siblingMargin`: an agent with two flyers runs
   * one campaign through both, while a seller's or a public template is pasted alike by
   * every buyer (siblingCampaigns.ts). Campaigns that each filed through an operator's
   * own phone or handset, none in common, are never joined: those are two operators.
   * 1 never joins campaigns with drifting pastes.
   */
  siblingCoreJaccard: z.number().min(0.1).max(1).default(0.65),
  siblingMargin: z.number().min(0).max(1).default(0.13),
  /**
   * The margin asked of campaigns that also file in step: the middle of their filings
   * within `siblingAlignment` of their spread (interquartile range, at least a week) of
   * each other. One agent files both flyers' recruits in one batch; two buyers of one
   * template who happen to overlap are rarely centred on the same days, so timing stands
   * in for part of the text margin.
   */
  siblingAlignedMargin: z.number().min(0).max(1).default(0.1),
  siblingAlignment: z.number().min(0).max(10).default(0.35),
  /** …and run at once: their filing periods overlap or come within this many days (an agent files through both flyers in the same weeks). */
  siblingSlackDays: z.number().min(0).max(366).default(7),
  /**
   * Each filer's total tie weight through one campaign template, before usage strength:
   * about what a member gets from an agent's voice shared with four others.
   */
  templateTieTotal: z.number().min(0).max(100).default(2),
  /**
   * A campaign's tie between filers that belong to two different operator groups (each
   * tied by its own acting phone, device or voice) is scaled by this: one printer used by
   * two gangs in the same weeks should not bridge them (campaignBridges.ts). 0 drops it.
   */
  campaignBridge: z.number().min(0).max(1).default(0),
  /** A ring keeps a previous id when its members overlap that ring by at least this Jaccard. */
  idJaccard: z.number().min(0).max(1).default(DEFAULT_ID_JACCARD),
  /** Tools listed per ring, most used first. */
  maxTools: z.number().int().min(1).max(1000).default(20),
  onProgress: z
    .custom<ProgressCallback>((v) => typeof v === 'function', 'must be a function (stage, done, total)')
    .optional(),
});

export type DetectionOptions = z.infer<typeof DetectionOptionsSchema>;
export type DetectionOptionsInput = z.input<typeof DetectionOptionsSchema>;

/** Options as plain data, to store, replay or send to another thread: all of them but the progress callback. */
export type PlainDetectionOptions = Omit<DetectionOptions, 'onProgress'>;

export function plainOptions(options: DetectionOptions): PlainDetectionOptions {
  const { onProgress: _drop, ...plain } = options;
  return plain;
}

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
