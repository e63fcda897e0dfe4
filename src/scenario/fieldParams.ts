import { z } from 'zod';

export const Rate = z.number().min(0).max(1);
const Size = z.number().int().min(1);

/**
 * The knobs that make a scenario look like a real platform's records: missing fields,
 * phones in the forms people and systems write them, and the innocent groups that share
 * what gangs share. Every one is off by default (rate 0, count 0, plain texts) and draws
 * no random number while off, so the default and hard profiles are unchanged by them.
 * The `field` profile (profiles.ts) turns them on; docs/field-profile.md gives the reasons.
 */
export const FIELD_PARAMS = {
  /** Partial evidence: the share of records in which a field (or a whole record) is missing. */
  gaps: z
    .object({
      /** Calls not taken on a line that records voiceprints. */
      callVoiceprintMissing: Rate.default(0),
      /** Of those calls, the share that still carries a voiceMatch (the result was logged, the print id not). */
      voiceMatchKeptWithoutVoiceprint: Rate.default(0),
      /** Calls on which no identity check was run. */
      identityCheckMissing: Rate.default(0),
      callTimeMissing: Rate.default(0),
      complaintTimeMissing: Rate.default(0),
      deviceSeenMissing: Rate.default(0),
      recruitmentTimeMissing: Rate.default(0),
      /** Borrowers whose acquisition was never attributed: no recruitment record at all. */
      recruitmentMissing: Rate.default(0),
      nameMissing: Rate.default(0),
      overdueMissing: Rate.default(0),
      principalMissing: Rate.default(0),
      complaintTextMissing: Rate.default(0),
      complaintPhoneMissing: Rate.default(0),
      /** A complaint forwarded by a regulator or platform rarely names the handset; one made in the app does. */
      complaintDeviceMissingExternal: Rate.default(0),
      complaintDeviceMissingInApp: Rate.default(0),
    })
    .prefault({}),

  /** Phones as the records hold them: share of each source's numbers not written in E.164. */
  phoneForms: z
    .object({
      registered: Rate.default(0),
      contact: Rate.default(0),
      call: Rate.default(0),
      complaint: Rate.default(0),
      /** Share of ordinary people's numbers in virtual-operator ranges (170/171/162/165/167). */
      mvnoRate: Rate.default(0),
    })
    .prefault({}),

  /** `field` writes complaints as they arrive: Chinese, with names, amounts, dates, contract and phone numbers. */
  texts: z.object({ style: z.enum(['plain', 'field']).default('plain') }).prefault({}),

  /** Honest callers who fail checks call after call (elderly users, bad lines), not now and then. */
  strugglingCallers: z
    .object({
      rate: Rate.default(0),
      /** Chance that each of their own calls fails the voice check, and separately the identity check. */
      failRate: Rate.default(0.5),
    })
    .prefault({}),

  /** One relative (a grown child, a spouse) handles the platform's calls for 2–5 family members. */
  proxyFamilies: z
    .object({
      /** Share of borrowers in such a family. */
      rate: Rate.default(0),
      minSize: z.number().int().min(2).default(2),
      maxSize: z.number().int().min(2).default(5),
      /** The handling relative is a borrower of the family too (calls for themself in their own voice). */
      handlerIsBorrowerRate: Rate.default(0.35),
      /** The family logs in from the relative's handset. */
      sharedHandsetRate: Rate.default(0.6),
      /** The relative's phone is the member's emergency contact. */
      contactRate: Rate.default(0.7),
      /** Share of a member's calls the relative places. */
      handledCallShare: Rate.default(0.9),
      /** The relative enrolled the voiceprint at sign-up, so the voice check passes. */
      enrolledByRelativeRate: Rate.default(0.2),
      identityFailRate: Rate.default(0.4),
    })
    .prefault({}),

  /** Loan brokers (助贷中介) who registered clients from their own device and gave their own phone as contact. */
  brokers: z
    .object({
      /** Share of borrowers who came through a broker. */
      rate: Rate.default(0),
      minClients: Size.default(5),
      maxClients: Size.default(30),
      deviceRate: Rate.default(0.8),
      contactRate: Rate.default(0.6),
      /** Clients attributed to the broker's own flyer or account. */
      adSourceRate: Rate.default(0.5),
      /** Days over which one broker's clients register. */
      registrationDays: z.number().min(1).default(20),
      /** Clients for whom the broker once calls the platform (about the application). */
      callRate: Rate.default(0.15),
    })
    .prefault({}),

  /** Caregivers and social workers who call for several elderly clients. */
  caregivers: z
    .object({
      rate: Rate.default(0),
      minClients: Size.default(3),
      maxClients: Size.default(8),
      /** The institution's tablet is used to log in. */
      sharedDeviceRate: Rate.default(0.4),
      contactRate: Rate.default(0.5),
      handledCallShare: Rate.default(0.8),
      identityFailRate: Rate.default(0.5),
    })
    .prefault({}),

  /** Numbers reassigned by the carrier: a former and a new holder registered with the same phone. */
  recycledNumbers: z
    .object({
      /** Share of borrowers holding a number another borrower held before. */
      rate: Rate.default(0),
      /** Former holders are often out of touch (the number lapsed): share overdue. */
      formerOverdueRate: Rate.default(0.6),
      /** Calls about the former holder that reach the new one. */
      misdirectedCalls: z.number().min(0).default(1.5),
    })
    .prefault({}),

  /** Complaint templates circulating publicly (self-help guides), each filed by unrelated people. */
  publicTemplates: z
    .object({
      /** Templates circulating; 0 turns public templates off. */
      count: z.number().int().min(0).default(0),
      /** Share of borrowers who file a complaint from one. */
      rate: Rate.default(0),
      /** Days over which one template keeps being used after it is posted. */
      spreadDays: z.number().min(1).default(120),
      overdueRate: Rate.default(0.85),
      /** Filers who send it to a second channel too. */
      secondChannelRate: Rate.default(0.25),
    })
    .prefault({}),

  /** Genuine complaint bursts after a collection incident or a media report. */
  bursts: z
    .object({
      /** Bursts per 100,000 borrowers; 0 turns them off. */
      per100k: z.number().min(0).default(0),
      minMembers: Size.default(15),
      maxMembers: Size.default(80),
      minDays: z.number().min(1).default(2),
      maxDays: z.number().min(1).default(10),
      /** Bursts set off by a media report (anyone may complain) rather than an incident in collection. */
      mediaShare: Rate.default(0.4),
      /** Members who paste a public template rather than write their own words. */
      templateShare: Rate.default(0.25),
    })
    .prefault({}),

  /** Honest borrowers recruited by the same local flyer or chat group. */
  flyers: z
    .object({
      /** Extra chance that such a borrower complains (the flyer's debt advice told them how). */
      complaintRate: Rate.default(0),
      /** Of those complaints, the share pasted from a public template. */
      templateShare: Rate.default(0.3),
    })
    .prefault({}),
};
