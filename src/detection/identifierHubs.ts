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

export interface HubRecord {
  kind: IdentifierKind;
  id: string;
  degree: number;
  action: 'cut' | 'downweighted';
  reason: string;
}

export interface IdentifierTriage {
  use: Uint8Array;
  hubs: HubRecord[];
}

const WHAT_A_HUB_IS: Record<IdentifierKind, string> = {
  phone: 'a switchboard or shared service number',
  device: 'a public or shared device',
  voice: 'a call-centre or system voice',
  adSource: 'a mass marketing channel',
};

/** Usages in which someone acted through the identifier rather than merely holding it. */
export const ACTING_USAGE = usageBit('complaintPhone') | usageBit('callPhone') | usageBit('complaintDevice') | usageBit('callVoice');

/** Borrowers for whom the identifier was used to act (complain, call, speak). */
export function actingDegree(links: IdentifierLinks, id: number): number {
  let acting = 0;
  for (let k = links.offsets[id]!; k < links.offsets[id + 1]!; k++) if ((links.usages[k]! & ACTING_USAGE) !== 0) acting++;
  return acting;
}

type HubClass = 'passive' | 'acting' | 'adSource';

function classify(links: IdentifierLinks, id: number): HubClass {
  if (kindOf(links, id) === 'adSource') return 'adSource';
  return actingDegree(links, id) >= 2 ? 'acting' : 'passive';
}

function cutDegree(hubClass: HubClass, options: DetectionOptions): number {
  if (hubClass === 'adSource') return options.adSourceHubDegree;
  return hubClass === 'acting' ? options.activeHubDegree : options.passiveHubDegree;
}

/**
 * Decides which identifiers tie borrowers and which are hubs, from degree and usage: an
 * identifier used to act for several borrowers may be shared far more widely than one
 * that is merely held, before it stops saying anything about them.
 */
export function triageIdentifiers(links: IdentifierLinks, options: DetectionOptions): IdentifierTriage {
  const count = identifierCount(links);
  const use = new Uint8Array(count);
  const hubs: HubRecord[] = [];
  for (let i = 0; i < count; i++) {
    const degree = degreeOf(links, i);
    if (degree < 2) {
      use[i] = IdentifierUse.Private;
      continue;
    }
    const kind = kindOf(links, i);
    const hubClass = classify(links, i);
    const limit = cutDegree(hubClass, options);
    if (degree > limit) {
      use[i] = IdentifierUse.Cut;
      hubs.push({ kind, id: links.value[i]!, degree, action: 'cut', reason: cutReason(kind, hubClass, degree, limit) });
    } else if (hubClass === 'passive' && degree > options.downweightDegree) {
      use[i] = IdentifierUse.Downweighted;
      const weight = specificity(degree, options.specificityOffset).toFixed(3);
      hubs.push({
        kind,
        id: links.value[i]!,
        degree,
        action: 'downweighted',
        reason: `held by ${degree} borrowers, more than a household (downweightDegree ${options.downweightDegree}), nobody acting through it: kept at specificity ${weight}`,
      });
    } else use[i] = IdentifierUse.Shared;
  }
  hubs.sort((a, b) => b.degree - a.degree || a.kind.localeCompare(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { use, hubs };
}

function cutReason(kind: IdentifierKind, hubClass: HubClass, degree: number, limit: number): string {
  const how = { passive: 'held, never acted through, by', acting: 'used by', adSource: 'recruited' }[hubClass];
  const option = { passive: 'passiveHubDegree', acting: 'activeHubDegree', adSource: 'adSourceHubDegree' }[hubClass];
  return `${how} ${degree} borrowers (above ${option} ${limit}), like ${WHAT_A_HUB_IS[kind]}: ties unrelated people, ignored`;
}
