import type { MemberReason, RingMember } from '../contract/ring';
import { usagesOf } from './identifierLinks';
import { ACTING_USAGE } from './identifierHubs';
import type { RingIdentifier } from './ringIdentifiers';
import type { RingFindings } from './ringSignals';

const MAX_TIE_REASONS = 5;

/**
 * A member is `operated` when someone else demonstrably acted in their name: their calls
 * carry a voice or phone that also speaks for other members, their complaints came from a
 * shared phone or device or from a campaign template, or a call's voice did not match
 * theirs. Others are `peripheral`: tied in by weaker means (a shared login, contact number
 * or ad source). Reasons are facts; they are worded where they are shown.
 */
export function memberRoles(
  members: readonly number[],
  shared: readonly RingIdentifier[],
  findings: RingFindings,
  inRingStrength: Float64Array,
  borrowerIds: readonly string[],
  windowHours: number,
): RingMember[] {
  const ties = tiesByMember(shared);
  const strongest = Math.max(...members.map((b) => inRingStrength[b]!), Number.MIN_VALUE);
  const result = members.map((b): RingMember => {
    const own = ties.get(b) ?? [];
    const calls = findings.calls.get(b);
    const acted = own.some((t) => (t.mask & ACTING_USAGE) !== 0) || (calls?.voiceMismatched ?? 0) > 0;
    const reasons: MemberReason[] = own.slice(0, MAX_TIE_REASONS).map(({ identifier, mask }) => ({
      kind: 'sharedIdentifier',
      identifier: { kind: identifier.kind, id: identifier.value },
      usages: usagesOf(mask),
      sharedWith: identifier.members.length - 1,
      degree: identifier.degree,
    }));
    if (calls?.voiceMismatched) reasons.push({ kind: 'voiceMismatch', failed: calls.voiceMismatched, checked: calls.voiceChecked });
    if (calls?.identityFailed) reasons.push({ kind: 'identityFailed', failed: calls.identityFailed, checked: calls.identityChecked });
    if (findings.lockstep?.members.has(b)) {
      reasons.push({ kind: 'complaintLockstep', channelKind: findings.lockstep.channel, others: findings.lockstep.members.size - 1, windowHours });
    }
    if (findings.templated.has(b)) reasons.push({ kind: 'templateText', others: findings.templated.size - 1 });
    return {
      borrowerId: borrowerIds[b]!,
      role: acted ? 'operated' : 'peripheral',
      weight: Math.min(1, inRingStrength[b]! / strongest),
      reasons,
    };
  });
  return result.sort((x, y) => y.weight - x.weight || (x.borrowerId < y.borrowerId ? -1 : 1));
}

interface Tie {
  identifier: RingIdentifier;
  mask: number;
}

/** Each member's shared identifiers, acting usages first, then the most shared. */
function tiesByMember(shared: readonly RingIdentifier[]): Map<number, Tie[]> {
  const ties = new Map<number, Tie[]>();
  for (const identifier of shared) {
    identifier.members.forEach((b, i) => {
      const list = ties.get(b) ?? [];
      list.push({ identifier, mask: identifier.masks[i]! });
      ties.set(b, list);
    });
  }
  const acting = (t: Tie) => ((t.mask & ACTING_USAGE) !== 0 ? 1 : 0);
  for (const list of ties.values()) {
    list.sort((a, b) => acting(b) - acting(a) || b.identifier.members.length - a.identifier.members.length || a.identifier.identifier - b.identifier.identifier);
  }
  return ties;
}
