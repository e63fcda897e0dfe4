import { z } from 'zod';
import { FIELD_PARAMS, Rate } from './fieldParams';

/**
 * Every knob of the synthetic case, with the defaults that model one lending platform.
 * Rates are per borrower unless said otherwise; sizes scale with the population so a
 * bigger scenario has more gangs and hubs, not bigger ones.
 */
export const ScenarioParamsSchema = z.object({
  borrowers: z.number().int().min(1).default(20_000),
  seed: z.number().int().default(1),
  /** Borrowers generated per chunk: bounds memory while streaming. */
  chunkSize: z.number().int().min(1).default(2_000),

  population: z
    .object({
      /** About a third of the book is overdue. */
      overdueRate: Rate.default(0.33),
      /** Borrowers who also give a contact phone (a relative's or their own second number). */
      contactPhoneRate: Rate.default(0.25),
      secondDeviceRate: Rate.default(0.08),
      /** Genuine complaints, filed by the borrower from their own phone and device. */
      complaintRate: Rate.default(0.02),
      /** Mean calls to the platform of a borrower who is current, and of one who is overdue. */
      callsWhenCurrent: z.number().min(0).default(0.4),
      callsWhenOverdue: z.number().min(0).default(1.8),
      /** Voice and identity checks fail now and then for honest callers too. */
      voiceMismatchRate: Rate.default(0.02),
      identityFailRate: Rate.default(0.02),
    })
    .prefault({}),

  marketing: z
    .object({
      /** Big acquisition channels (website, official social accounts), thousands of borrowers each. */
      bigAdSources: z.number().int().min(1).default(6),
      /** Borrowers acquired through small local sources (promoters' flyers, chat groups) instead. */
      localRecruitRate: Rate.default(0.12),
      borrowersPerLocalAdSource: z.number().min(1).default(15),
    })
    .prefault({}),

  households: z
    .object({
      /** Chance that a borrower starts a household with the next few borrowers. */
      rate: Rate.default(0.025),
      minSize: z.number().int().min(2).default(2),
      maxSize: z.number().int().min(2).default(5),
      /** Households share a device (a family tablet) rather than a contact phone. */
      sharedDeviceRate: Rate.default(0.4),
    })
    .prefault({}),

  hubs: z
    .object({
      /** One public or resold device per this many borrowers... */
      borrowersPerHubDevice: z.number().min(1).default(1_500),
      /** ...used by this share of borrowers, so each hub device has rate × borrowersPer borrowers (~30). */
      hubDeviceRate: Rate.default(0.02),
      borrowersPerSwitchboard: z.number().min(1).default(3_000),
      /** Borrowers giving their employer's switchboard as contact phone (~45 per switchboard). */
      switchboardRate: Rate.default(0.015),
    })
    .prefault({}),

  burst: z
    .object({
      /** Share of borrowers who complain to one regulator after a real collection incident. */
      rate: Rate.default(0.004),
      days: z.number().min(1).default(4),
    })
    .prefault({}),

  gangs: z
    .object({
      /** One gang per this many borrowers (~50 gangs at 20,000). */
      borrowersPerGang: z.number().min(1).default(400),
      /** Gang sizes follow a power law, P(s) ∝ s^-sizeExponent on [minSize, maxSize]: mean ≈ 11.5. */
      minSize: z.number().int().min(1).default(4),
      maxSize: z.number().int().min(1).default(80),
      sizeExponent: z.number().min(0).default(2),
      minCampaignDays: z.number().min(1).default(5),
      maxCampaignDays: z.number().min(1).default(35),
      /** Careful gangs: a fresh phone per borrower, devices and voice still shared. */
      freshPhoneRate: Rate.default(0.15),
      /** Gangs that place some calls and complaints from the borrower's own phone. */
      ownPhoneRate: Rate.default(0.2),
      /** Agents working with an accomplice, so the gang's calls carry two voiceprints. */
      accompliceVoiceRate: Rate.default(0.15),
      /** Share of gangs that recruit through another gang's ad source (same flyer printer). */
      sharedAdSourceRate: Rate.default(0.1),
      /** Gangs whose ad source also recruited borrowers who never took part. */
      nonParticipantRate: Rate.default(0.4),
      /** The agent passes the identity check on a call now and then. */
      identityVerifiedRate: Rate.default(0.15),
      /** Chance that each trace of the agent appears for a given member. */
      deviceLinkRate: Rate.default(0.85),
      contactPhoneRate: Rate.default(0.8),
      callRate: Rate.default(0.85),
      complaintRate: Rate.default(0.9),
      /**
       * Gang styles beyond the agent's kit (shares of all gangs, drawn in this order; the
       * rest are kit gangs, split by freshPhoneRate). All 0 by default.
       */
      multiOperatorRate: Rate.default(0),
      wordsOnlyRate: Rate.default(0),
      borrowerHandsetRate: Rate.default(0),
      /** Multi-operator operations are large: their size is redrawn uniformly from [min, maxSize]. */
      multiOperatorMinSize: z.number().int().min(2).default(30),
      minOperators: z.number().int().min(2).default(3),
      maxOperators: z.number().int().min(2).default(6),
      /** Chance that a contact or complaint of a multi-operator member is handled by another operator than its own. */
      operatorSwapRate: Rate.default(0.3),
      /** Share of agents' phones in virtual-operator (MVNO) ranges. */
      agentMvnoRate: Rate.default(0),
      /** Gangs whose complaint template was bought from a seller who sold it to other gangs too. */
      boughtTemplateRate: Rate.default(0),
      templateSellers: z.number().int().min(1).default(4),
      /** Gangs that file with a publicly circulating self-help template, as innocent filers do. */
      publicTemplateRate: Rate.default(0),
      /** Operated members who were not yet overdue (talked into stopping payment, or not yet late). */
      currentMemberRate: Rate.default(0),
    })
    .prefault({}),

  ...FIELD_PARAMS,

  /**
   * 0: one scenario for the year, as always. N: the scenario is replayed as a month of live
   * data: the last N days of the year are its window, every gang starts its campaign on a
   * day within it (liveWindow.ts), and the generator can write it in daily slices
   * (dailySlices.ts). Draws only from its own stream, so 0 changes nothing.
   */
  days: z.number().int().min(0).max(180).default(0),
});

export type ScenarioParams = z.infer<typeof ScenarioParamsSchema>;
export type ScenarioParamsInput = z.input<typeof ScenarioParamsSchema>;

export const parseScenarioParams = (input: ScenarioParamsInput = {}): ScenarioParams => ScenarioParamsSchema.parse(input);
