import type { Hub } from '../contract/ring';
import { degreeOf, identifierCount, kindOf, usageBit, type IdentifierKind, type IdentifierLinks } from './identifierLinks';
import { specificity } from './sharedIdentifierWeight';
import type { DetectionOptions } from './options';

/** What the projection does with an identifier. */
export const IdentifierUse = {
  /** Used by one borrower only: ties nobody. */
  Private: 0,
  Shared: 1,
  /** Shared by more than a household yet kept: its specificity lowers its weight. */
  Downweighted: 2,
  /** Shared so widely that it ties unrelated people: ignored. */
  Cut: 3,
} as const;

export interface IdentifierTriage {
  use: Uint8Array;
  hubs: Hub[];
}

/** Usages in which someone acted through the identifier rather than merely holding it. */
export const ACTING_USAGE =
  usageBit('complaintPhone') | usageBit('callPhone') | usageBit('complaintDevice') | usageBit('callVoice') | usageBit('templateComplaint');

/** Borrowers for whom the identifier was used to act (complain, call, speak). */
export function actingDegree(links: IdentifierLinks, id: number): number {
  let acting = 0;
  for (let k = links.offsets[id]!; k < links.offsets[id + 1]!; k++) if ((links.usages[k]! & ACTING_USAGE) !== 0) acting++;
  return acting;
}

type HubUsage = Hub['usage'];

function classify(links: IdentifierLinks, id: number): HubUsage {
  if (kindOf(links, id) === 'adSource') return 'adSource';
  return actingDegree(links, id) >= 2 ? 'acting' : 'passive';
}

function cutDegree(usage: HubUsage, options: DetectionOptions): number {
  if (usage === 'adSource') return options.adSourceHubDegree;
  return usage === 'acting' ? options.activeHubDegree : options.passiveHubDegree;
}

/**
 * Decides which identifiers tie borrowers and which are hubs, from degree and usage: an
 * identifier used to act for several borrowers may be shared far more widely than one
 * that is merely held, before it stops saying anything about them. Campaign templates
 * are never hubs: they exist only because their filers were too many for one small ad
 * source to explain by chance.
 */
export function triageIdentifiers(links: IdentifierLinks, options: DetectionOptions, cutElsewhere: ReadonlySet<number> = new Set()): IdentifierTriage {
  const count = identifierCount(links);
  const use = new Uint8Array(count);
  const hubs: Hub[] = [];
  for (let i = 0; i < count; i++) {
    // Decided over all the data: a batch of components holds only part of a hub's borrowers.
    if (cutElsewhere.has(i)) {
      use[i] = IdentifierUse.Cut;
      continue;
    }
    const degree = degreeOf(links, i);
    const kind = kindOf(links, i);
    // Usage is only worth reading for an identifier that ties anyone.
    const verdict = judgeIdentifier(kind, links.value[i]!, degree, degree < 2 || kind === 'template' ? 'passive' : classify(links, i), options);
    use[i] = verdict.use;
    if (verdict.hub) hubs.push(verdict.hub);
  }
  return { use, hubs: hubs.sort(compareHubs) };
}

/** What becomes of one identifier with this degree over all the data and this usage, and its hub entry if it is one. */
export function judgeIdentifier(kind: IdentifierKind, value: string, degree: number, usage: HubUsage, options: DetectionOptions): { use: number; hub?: Hub } {
  if (degree < 2) return { use: IdentifierUse.Private };
  if (kind === 'template') return { use: IdentifierUse.Shared };
  const limit = cutDegree(usage, options);
  if (degree > limit) return { use: IdentifierUse.Cut, hub: { kind, id: value, degree, action: 'cut', usage, limit, specificity: null } };
  if (usage === 'passive' && degree > options.downweightDegree) {
    const hub: Hub = { kind, id: value, degree, action: 'downweighted', usage, limit: options.downweightDegree, specificity: specificity(degree, options.specificityOffset) };
    return { use: IdentifierUse.Downweighted, hub };
  }
  return { use: IdentifierUse.Shared };
}

/** Widest first; a stable order whatever order the identifiers came in. */
export const compareHubs = (a: Hub, b: Hub): number =>
  b.degree - a.degree || a.kind.localeCompare(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
