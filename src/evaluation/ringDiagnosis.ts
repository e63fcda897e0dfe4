import { matchRings } from './scoreRings';

/** A planted gang as the diagnosis sees it: its members and its style (how it operates). */
export interface LabelledGang {
  id: string;
  style: string;
  members: readonly string[];
}

/** An innocent structure of the scenario that shares something (a household, a switchboard, a template…). */
export interface LabelledGroup {
  kind: string;
  members: readonly string[];
}

/** Why a reported ring matched no gang. */
export type FalseRingCause = `innocent:${string}` | 'gang fragment' | 'merged gangs' | 'unexplained';

/** Why a planted gang was not found. */
export type MissedGangCause = 'not reported' | 'merged with another gang' | 'split' | 'diluted';

export interface RingDiagnosis {
  /** Unmatched reported rings, counted by what they were made of. */
  falseRings: Record<string, number>;
  /** Gangs found (matched one to one at Jaccard ≥ 0.5), by style. */
  gangsByStyle: Record<string, { found: number; planted: number }>;
  /** Gangs not found, by what became of their members. */
  missedGangs: Record<string, number>;
}

/**
 * Explains a detector's mistakes against the scenario's truth: each reported ring that
 * matched no gang is put down to what most of its members are (an innocent kind, part of
 * one gang, parts of several), and each gang style gets its own recall, so a table says
 * *which* look-alikes fool a detector and *which* gangs escape it.
 */
export function diagnoseRings(reported: readonly string[][], gangs: readonly LabelledGang[], innocents: readonly LabelledGroup[]): RingDiagnosis {
  const matches = matchRings(reported, gangs.map((g) => [...g.members]));
  const matchedRings = new Set(matches.map((m) => m.ring));
  const foundGangs = new Set(matches.map((m) => m.gang));
  const gangOf = new Map<string, number>();
  gangs.forEach((g, i) => g.members.forEach((m) => gangOf.set(m, i)));
  const kindsOf = new Map<string, Set<string>>();
  for (const group of innocents) {
    for (const m of group.members) {
      const kinds = kindsOf.get(m) ?? new Set<string>();
      kinds.add(group.kind);
      kindsOf.set(m, kinds);
    }
  }
  const falseRings: Record<string, number> = {};
  reported.forEach((members, r) => {
    if (matchedRings.has(r)) return;
    const cause = causeOf(members, gangOf, kindsOf);
    falseRings[cause] = (falseRings[cause] ?? 0) + 1;
  });
  const gangsByStyle: Record<string, { found: number; planted: number }> = {};
  const missedGangs: Record<string, number> = {};
  const ringsOf = new Map<string, number[]>();
  reported.forEach((members, r) => members.forEach((m) => ringsOf.set(m, [...(ringsOf.get(m) ?? []), r])));
  gangs.forEach((g, i) => {
    const entry = (gangsByStyle[g.style] ??= { found: 0, planted: 0 });
    entry.planted++;
    if (foundGangs.has(i)) entry.found++;
    else {
      const cause = missedCause(g.members, i, reported, ringsOf, gangOf);
      missedGangs[cause] = (missedGangs[cause] ?? 0) + 1;
    }
  });
  return { falseRings, gangsByStyle, missedGangs };
}

function missedCause(members: readonly string[], gang: number, reported: readonly string[][], ringsOf: Map<string, number[]>, gangOf: Map<string, number>): MissedGangCause {
  const perRing = new Map<number, number>();
  for (const m of members) for (const r of ringsOf.get(m) ?? []) perRing.set(r, (perRing.get(r) ?? 0) + 1);
  const covered = [...perRing.values()].reduce((a, b) => a + b, 0);
  if (covered < members.length / 2) return 'not reported';
  const [ring, most] = [...perRing.entries()].sort((a, b) => b[1] - a[1])[0]!;
  if (most < members.length / 2) return 'split';
  const others = new Map<number, number>();
  for (const m of reported[ring]!) {
    const g = gangOf.get(m);
    if (g !== undefined && g !== gang) others.set(g, (others.get(g) ?? 0) + 1);
  }
  return [...others.values()].some((n) => n >= 2) ? 'merged with another gang' : 'diluted';
}

function causeOf(members: readonly string[], gangOf: Map<string, number>, kindsOf: Map<string, Set<string>>): FalseRingCause {
  const perGang = new Map<number, number>();
  const perKind = new Map<string, number>();
  for (const m of members) {
    const gang = gangOf.get(m);
    if (gang !== undefined) perGang.set(gang, (perGang.get(gang) ?? 0) + 1);
    for (const kind of kindsOf.get(m) ?? []) perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
  }
  const half = members.length / 2;
  const gangParts = [...perGang.values()].filter((n) => n >= 2);
  if (gangParts.length >= 2) return 'merged gangs';
  const inGangs = [...perGang.values()].reduce((a, b) => a + b, 0);
  if (inGangs >= half) return 'gang fragment';
  const [kind, count] = [...perKind.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? ['', 0];
  return count >= half ? `innocent:${kind}` : 'unexplained';
}
