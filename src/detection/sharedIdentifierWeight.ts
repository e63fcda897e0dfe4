import { USAGES } from './identifierLinks';
import type { UsageStrength } from './options';

/**
 * FRAUDAR-style specificity: an identifier shared by few borrowers says more about each
 * of them than one shared by many. 1 / ln(degree + c) falls slowly, so a gang's phone
 * used for twenty recruits still counts, while the hub cut removes the truly common ones.
 */
export function specificity(degree: number, offset: number): number {
  return 1 / Math.log(degree + offset);
}

/** The strongest way one borrower used an identifier (its usage bitmask). */
export function usageStrengthOf(mask: number, strength: UsageStrength): number {
  let best = 0;
  for (let bit = 0; bit < USAGES.length; bit++) {
    if ((mask & (1 << bit)) !== 0) best = Math.max(best, strength[USAGES[bit]!]);
  }
  return best;
}

/**
 * Weight an identifier adds to the tie between two of its borrowers. The geometric mean
 * of their usage strengths keeps a pair strong only when both used it strongly: two
 * identities whose complaints came from one phone are tightly tied; the phone's
 * registered owner is tied to them more loosely.
 */
export function sharedIdentifierWeight(degree: number, strengthA: number, strengthB: number, offset: number): number {
  return specificity(degree, offset) * Math.sqrt(strengthA * strengthB);
}

/**
 * Weight a campaign template adds between two of its filers: each filer's ties through it
 * add up to `total`, shared among the other filers (resource allocation, not a clique of
 * full-strength ties). A template says the filers share an author, which matters most
 * where nothing else ties them; spread this way, one text that two gangs bought from the
 * same seller and recruited for with the same printer cannot outweigh either gang's own
 * phones, handsets and voices, while a gang tied by its words alone stays one group.
 */
export function templateTieWeight(degree: number, strengthA: number, strengthB: number, total: number): number {
  return degree < 2 ? 0 : (total * Math.sqrt(strengthA * strengthB)) / (degree - 1);
}
