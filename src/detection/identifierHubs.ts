import { degreeOf, identifierCount, kindOf, type IdentifierKind, type IdentifierLinks } from './identifierLinks';
import { specificity } from './sharedIdentifierWeight';
import type { DetectionOptions } from './options';

/** What the projection does with an identifier. */
export const IdentifierUse = {
  /** Used by one borrower only: ties nobody. */
  Private: 0,
  Shared: 1,
  /** Shared widely: kept, at a lower weight, and projected sparsely when large. */
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

/** Decides, from degree alone, which identifiers tie borrowers and which are hubs. */
export function triageIdentifiers(links: IdentifierLinks, options: DetectionOptions): IdentifierTriage {
  const count = identifierCount(links);
  const use = new Uint8Array(count);
  const hubs: HubRecord[] = [];
  for (let i = 0; i < count; i++) {
    const degree = degreeOf(links, i);
    const kind = kindOf(links, i);
    if (degree < 2) use[i] = IdentifierUse.Private;
    else if (degree > options.hubDegree) {
      use[i] = IdentifierUse.Cut;
      hubs.push({
        kind,
        id: links.value[i]!,
        degree,
        action: 'cut',
        reason: `shared by ${degree} borrowers (above hubDegree ${options.hubDegree}), like ${WHAT_A_HUB_IS[kind]}: ties unrelated people, ignored`,
      });
    } else if (degree > options.downweightDegree) {
      use[i] = IdentifierUse.Downweighted;
      const weight = specificity(degree, options.specificityOffset).toFixed(3);
      const sparse = degree > options.cliqueDegree ? `, each borrower tied to ${options.sparseNeighbours} neighbours only` : '';
      hubs.push({
        kind,
        id: links.value[i]!,
        degree,
        action: 'downweighted',
        reason: `shared by ${degree} borrowers (above downweightDegree ${options.downweightDegree}): specificity ${weight}${sparse}`,
      });
    } else use[i] = IdentifierUse.Shared;
  }
  hubs.sort((a, b) => b.degree - a.degree || a.kind.localeCompare(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { use, hubs };
}
