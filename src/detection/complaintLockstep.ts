/** A complaint reduced to what lockstep needs. */
export interface TimedComplaint {
  member: number;
  channel: string;
  time: number;
}

export interface Lockstep {
  channel: string;
  members: Set<number>;
}

/**
 * The largest set of distinct members who complained through one channel within one
 * window. Genuine complainants act on their own schedule; an agent files a batch for all
 * his recruits in the same few days, through the same regulator.
 */
export function largestLockstep(complaints: readonly TimedComplaint[], windowMs: number): Lockstep | undefined {
  const byChannel = new Map<string, TimedComplaint[]>();
  for (const c of complaints) {
    if (!Number.isFinite(c.time)) continue;
    const list = byChannel.get(c.channel);
    if (list) list.push(c);
    else byChannel.set(c.channel, [c]);
  }
  let best: Lockstep | undefined;
  for (const channel of [...byChannel.keys()].sort()) {
    const window = bestWindow(byChannel.get(channel)!.sort((a, b) => a.time - b.time), windowMs);
    if (!best || window.size > best.members.size) best = { channel, members: window };
  }
  return best;
}

function bestWindow(sorted: readonly TimedComplaint[], windowMs: number): Set<number> {
  const inWindow = new Map<number, number>();
  let best = new Set<number>();
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    const entering = sorted[end]!;
    inWindow.set(entering.member, (inWindow.get(entering.member) ?? 0) + 1);
    while (entering.time - sorted[start]!.time > windowMs) {
      const leaving = sorted[start++]!.member;
      const left = inWindow.get(leaving)! - 1;
      if (left === 0) inWindow.delete(leaving);
      else inWindow.set(leaving, left);
    }
    if (inWindow.size > best.size) best = new Set(inWindow.keys());
  }
  return best;
}
