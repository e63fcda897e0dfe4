import type { RingIdentifier } from './ringIdentifiers';

/**
 * How much of a ring one kind of shared tool explains. Each member earns the best credit
 * any tool of that kind gives it: full when the tool serves `fullAt` or more members,
 * half when it serves two (a pair may be a couple, three is a pattern), times a factor
 * for how the member or the tool used it. Returns each member's credit and the total.
 */
export function toolCredit(
  tools: readonly RingIdentifier[],
  fullAt: number,
  factor: (tool: RingIdentifier, mask: number) => number,
): { byMember: Map<number, number>; total: number } {
  const byMember = new Map<number, number>();
  for (const tool of tools) {
    const reach = tool.members.length >= fullAt ? 1 : tool.members.length >= 2 ? 0.5 : 0;
    tool.members.forEach((b, i) => {
      const credit = reach * factor(tool, tool.masks[i]!);
      if (credit > (byMember.get(b) ?? 0)) byMember.set(b, credit);
    });
  }
  let total = 0;
  for (const c of byMember.values()) total += c;
  return { byMember, total };
}
