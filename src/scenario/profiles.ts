import type { ScenarioParamsInput } from './params';
import { FIELD_PROFILE } from './fieldProfile';

/**
 * Named variations of the case, for measuring detectors beyond the defaults.
 *
 * `default` is the platform as modelled in params.ts. `hard` keeps the same population
 * but makes the agents careful and the data noisy: fewer traces of the agent per member,
 * more gangs that switch phones per borrower or call from the borrower's own phone, more
 * accomplice voices and shared flyer printers, agents who pass identity checks more
 * often, honest callers who fail them more often, and twice the households, public devices
 * and complaint burst. Its values were set from the case description, not from any
 * detector's scores. `field` (fieldProfile.ts) models a real platform's messy records,
 * with an innocent look-alike for every signal; docs/field-profile.md gives its reasons.
 */
export const SCENARIO_PROFILES = {
  default: {},
  hard: {
    population: { voiceMismatchRate: 0.05, identityFailRate: 0.05 },
    households: { rate: 0.05 },
    hubs: { hubDeviceRate: 0.04, switchboardRate: 0.03 },
    burst: { rate: 0.008 },
    gangs: {
      freshPhoneRate: 0.5,
      ownPhoneRate: 0.4,
      accompliceVoiceRate: 0.4,
      sharedAdSourceRate: 0.3,
      identityVerifiedRate: 0.4,
      deviceLinkRate: 0.6,
      contactPhoneRate: 0.5,
      callRate: 0.6,
      complaintRate: 0.7,
    },
  },
  field: FIELD_PROFILE,
} satisfies Record<string, ScenarioParamsInput>;

export type ScenarioProfile = keyof typeof SCENARIO_PROFILES;
export const SCENARIO_PROFILE_NAMES = Object.keys(SCENARIO_PROFILES) as ScenarioProfile[];

/** A profile's parameters with the run's own size and seed on top. */
export const profileParams = (profile: ScenarioProfile, borrowers: number, seed: number): ScenarioParamsInput => ({
  ...SCENARIO_PROFILES[profile],
  borrowers,
  seed,
});
