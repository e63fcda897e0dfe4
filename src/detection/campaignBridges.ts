import { ACTING_USAGE } from './identifierHubs';
import { isLive, type BorrowerIncidences } from './borrowerIncidences';
import type { IdentifierTriage } from './identifierHubs';
import { identifierCount, kindOf, memberCount, type IdentifierLinks } from './identifierLinks';
import { UnionFind } from './unionFind';

/**
 * A campaign ties the recruits of one flyer who complained in one window. When two gangs
 * used one printer and campaigned in the same weeks, or members of several gangs happen
 * to have been acquired through one local flyer, the flyer's campaign holds people whom
 * their own agents already tie together (a voice, a phone, a handset someone acted
 * through). There the campaign says nothing about who belongs with whom and would only
 * bridge the gangs. So between filers that belong to *different* operator groups, the
 * campaign's tie is scaled by `bridge` unless their complaints are near-duplicates (an
 * agent and his accomplice, several operators of one large operation, file one text);
 * ties to filers no operator ties to (a gang that leaves only its words) keep their
 * full weight.
 */
/** Affinity of texts at or above FAITHFUL_PASTE (recruitmentCampaigns.ts): the same words. */
const SAME_WORDS = 1;

export function scaleCampaignBridges(
  links: IdentifierLinks,
  triage: IdentifierTriage,
  borrowerCount: number,
  affinities: Map<number, Float32Array>,
  bridge: number,
): Map<number, Float32Array> {
  if (affinities.size === 0) return affinities;
  const operators = operatorGroups(links, triage, borrowerCount);
  const scaled = new Map<number, Float32Array>();
  for (const [id, affinity] of affinities) {
    const start = links.offsets[id]!;
    const n = memberCount(links, id);
    const group = Array.from({ length: n }, (_, i) => operators.groupOf(links.members[start + i]!));
    const out = Float32Array.from(affinity);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        // Different operators filing the same words in one campaign are one operation (an agent and his accomplice).
        if (i !== j && group[i]! >= 0 && group[j]! >= 0 && group[i] !== group[j] && affinity[i * n + j]! < SAME_WORDS) out[i * n + j]! *= bridge;
      }
    }
    scaled.set(id, out);
  }
  return scaled;
}

/**
 * Borrowers joined through a live phone, device or voice that someone acted through
 * (complained, called, spoke), whoever they are: the people one operator works for.
 * `groupOf` is -1 for a borrower no such identifier ties to anyone.
 */
function operatorGroups(links: IdentifierLinks, triage: IdentifierTriage, borrowerCount: number) {
  const groups = new UnionFind(borrowerCount);
  const tied = new Uint8Array(borrowerCount);
  for (let id = 0; id < identifierCount(links); id++) {
    const kind = kindOf(links, id);
    if (kind === 'template' || kind === 'adSource' || !isLive(triage, id)) continue;
    let acted = false;
    for (let k = links.offsets[id]!; k < links.offsets[id + 1]! && !acted; k++) acted = (links.usages[k]! & ACTING_USAGE) !== 0;
    if (!acted) continue;
    const first = links.members[links.offsets[id]!]!;
    for (let k = links.offsets[id]!; k < links.offsets[id + 1]!; k++) {
      groups.union(first, links.members[k]!);
      tied[links.members[k]!] = 1;
    }
  }
  return { groupOf: (b: number) => (tied[b] ? groups.find(b) : -1) };
}
