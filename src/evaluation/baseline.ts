import type { Evidence } from '../contract/evidence';
import type { ReportedRing, RingDetector } from './detector';
import { UnionFind } from '../detection/unionFind';

/**
 * The baseline every detector must beat: borrowers who share any identifier (phone,
 * device, voiceprint, ad source) are joined, and each connected component of at least
 * `minRingSize` borrowers is a ring. Without a filter, hubs (big ad sources, public
 * devices, switchboards) glue the population together; dropping identifiers shared by
 * more than `maxShare` borrowers is the usual first fix, and loses the big gangs with it.
 */

export interface SharedIdentifierOptions {
  /** Identifiers shared by more borrowers than this are ignored; Infinity keeps all. */
  maxShare: number;
  minRingSize: number;
}

export const SHARED_IDENTIFIER_DEFAULTS: SharedIdentifierOptions = { maxShare: Infinity, minRingSize: 3 };
/** A household or a small gang stays under this; a hub device or a marketing source does not. */
export const DEFAULT_MAX_SHARE = 20;

/** Every (identifier, borrower) pair in the evidence; identifiers are namespaced by type. */
function* identifierUses(evidence: Evidence): Generator<[string, string]> {
  for (const l of evidence.phoneLinks) yield [`phone:${l.phone}`, l.borrowerId];
  for (const l of evidence.deviceLinks) yield [`device:${l.deviceId}`, l.borrowerId];
  for (const r of evidence.recruitments) yield [`ad:${r.adSourceId}`, r.borrowerId];
  for (const c of evidence.calls) {
    if (c.phone) yield [`phone:${c.phone}`, c.borrowerId];
    if (c.voiceprintId) yield [`voice:${c.voiceprintId}`, c.borrowerId];
  }
  for (const c of evidence.complaints) {
    if (c.phone) yield [`phone:${c.phone}`, c.borrowerId];
    if (c.deviceId) yield [`device:${c.deviceId}`, c.borrowerId];
  }
}

export function sharedIdentifierRings(evidence: Evidence, options: Partial<SharedIdentifierOptions> = {}): ReportedRing[] {
  const { maxShare, minRingSize } = { ...SHARED_IDENTIFIER_DEFAULTS, ...options };
  const ids: string[] = evidence.borrowers.map((b) => b.id);
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const index = (id: string): number => {
    let i = indexOf.get(id);
    if (i === undefined) indexOf.set(id, (i = ids.push(id) - 1));
    return i;
  };
  const usersOf = new Map<string, number[]>();
  for (const [identifier, borrowerId] of identifierUses(evidence)) {
    const users = usersOf.get(identifier);
    if (users) users.push(index(borrowerId));
    else usersOf.set(identifier, [index(borrowerId)]);
  }
  const components = new UnionFind(ids.length);
  for (const users of usersOf.values()) {
    // A list no longer than maxShare cannot hold more distinct borrowers; only long ones need counting.
    if (users.length > maxShare && new Set(users).size > maxShare) continue;
    for (const user of users) components.union(users[0]!, user);
  }
  return components
    .groups()
    .filter((group) => group.length >= minRingSize)
    .map((group) => ({ members: group.map((i) => ids[i]!).sort() }));
}

export function sharedIdentifierDetector(name: string, options: Partial<SharedIdentifierOptions> = {}): RingDetector {
  return { name, detect: (evidence) => ({ rings: sharedIdentifierRings(evidence, options) }) };
}
