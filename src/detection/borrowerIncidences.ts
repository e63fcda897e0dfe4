import { identifierCount, type IdentifierLinks } from './identifierLinks';
import { IdentifierUse, type IdentifierTriage } from './identifierHubs';

/**
 * The reverse of `IdentifierLinks`, restricted to live identifiers (shared and not cut):
 * borrower `b` holds `incidence[offsets[b] .. offsets[b+1])`, each a position in
 * `links.members`, and `identifierOf[k]` names the identifier of position `k`.
 */
export interface BorrowerIncidences {
  offsets: Int32Array;
  incidence: Int32Array;
  identifierOf: Int32Array;
}

export const isLive = (triage: IdentifierTriage, id: number): boolean =>
  triage.use[id] === IdentifierUse.Shared || triage.use[id] === IdentifierUse.Downweighted;

export function liveIncidencesByBorrower(links: IdentifierLinks, triage: IdentifierTriage, borrowerCount: number): BorrowerIncidences {
  const identifierOf = new Int32Array(links.members.length);
  const offsets = new Int32Array(borrowerCount + 1);
  for (let id = 0; id < identifierCount(links); id++) {
    const live = isLive(triage, id);
    for (let k = links.offsets[id]!; k < links.offsets[id + 1]!; k++) {
      identifierOf[k] = id;
      if (live) offsets[links.members[k]! + 1]!++;
    }
  }
  for (let b = 0; b < borrowerCount; b++) offsets[b + 1]! += offsets[b]!;
  const incidence = new Int32Array(offsets[borrowerCount]!);
  const cursor = offsets.slice(0, borrowerCount);
  for (let k = 0; k < links.members.length; k++) {
    if (isLive(triage, identifierOf[k]!)) incidence[cursor[links.members[k]!]!++] = k;
  }
  return { offsets, incidence, identifierOf };
}
