import { degreeOf, kindOf, type IdentifierKind, type IdentifierLinks } from './identifierLinks';
import type { BorrowerIncidences } from './borrowerIncidences';

/** A live identifier as seen from inside one ring. */
export interface RingIdentifier {
  identifier: number;
  kind: IdentifierKind;
  value: string;
  degree: number;
  /** Ring members using it, with each one's usage bitmask at the same position. */
  members: number[];
  masks: number[];
}

/** Identifiers that at least two members of the ring share. */
export function sharedRingIdentifiers(members: readonly number[], links: IdentifierLinks, incidences: BorrowerIncidences): RingIdentifier[] {
  const byIdentifier = new Map<number, RingIdentifier>();
  for (const b of members) {
    for (let r = incidences.offsets[b]!; r < incidences.offsets[b + 1]!; r++) {
      const k = incidences.incidence[r]!;
      const id = incidences.identifierOf[k]!;
      let entry = byIdentifier.get(id);
      if (!entry) {
        entry = { identifier: id, kind: kindOf(links, id), value: links.value[id]!, degree: degreeOf(links, id), members: [], masks: [] };
        byIdentifier.set(id, entry);
      }
      entry.members.push(b);
      entry.masks.push(links.usages[k]!);
    }
  }
  return [...byIdentifier.values()].filter((e) => e.members.length >= 2);
}
