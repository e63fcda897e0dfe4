import type { Hub } from '../contract/ring';
import { degreeOf, identifierCount, kindOf, usageBit, type IdentifierLinks } from './identifierLinks';
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
    if (degree < 2) {
      use[i] = IdentifierUse.Private;
      continue;
    }
    if (kind === 'template') {
      use[i] = IdentifierUse.Shared;
      continue;
    }
    const usage = classify(links, i);
    const limit = cutDegree(usage, options);
    if (degree > limit) {
      use[i] = IdentifierUse.Cut;
      hubs.push({ kind, id: links.value[i]!, degree, action: 'cut', usage, limit, specificity: null });
    } else if (usage === 'passive' && degree > options.downweightDegree) {
      use[i] = IdentifierUse.Downweighted;
      hubs.push({ kind, id: links.value[i]!, degree, action: 'downweighted', usage, limit: options.downweightDegree, specificity: specificity(degree, options.specificityOffset) });
    } else use[i] = IdentifierUse.Shared;
  }
  hubs.sort((a, b) => b.degree - a.degree || a.kind.localeCompare(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { use, hubs };
}
