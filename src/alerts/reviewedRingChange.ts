import { MAX_LISTED_MEMBERS, type AlertOf, type RingSnapshot } from '../contract/alert';
import type { KnownRing } from '../contract/case';
import type { IdentifierRef } from '../contract/ring';

const toolKey = (tool: IdentifierRef) => `${tool.kind}\u0000${tool.id}`;

/** The ring as a case knows it: who was in it, how many complaints, which tools. */
export const knownRing = (ring: RingSnapshot): KnownRing => ({ members: [...new Set(ring.members)].sort(), complaints: ring.complaints, tools: ring.tools });

/** What the ring holds that the case had not seen: members, complaints beyond the count it knew, tools. Null when nothing. */
export function newEvidence(ring: RingSnapshot, known: KnownRing): Omit<AlertOf<'reviewedRingChanged'>['change'], 'verdict' | 'reopened'> | null {
  const members = new Set(known.members);
  const tools = new Set(known.tools.map(toolKey));
  const newMembers = [...new Set(ring.members)].filter((m) => !members.has(m)).sort();
  const newTools = ring.tools.filter((t) => !tools.has(toolKey(t)));
  const newComplaints = Math.max(0, ring.complaints - known.complaints);
  if (newMembers.length === 0 && newTools.length === 0 && newComplaints === 0) return null;
  return { newMembers: newMembers.length, newMemberIds: newMembers.slice(0, MAX_LISTED_MEMBERS), newComplaints, newTools };
}

/** What the case knows once it has been told about the ring as it is now: nothing it learnt is forgotten. */
export function learn(known: KnownRing, ring: RingSnapshot): KnownRing {
  const tools = new Map(known.tools.map((t) => [toolKey(t), t]));
  for (const tool of ring.tools) tools.set(toolKey(tool), tool);
  return {
    members: [...new Set([...known.members, ...ring.members])].sort(),
    complaints: Math.max(known.complaints, ring.complaints),
    tools: [...tools.values()],
  };
}
