import type { Evidence } from '../contract/evidence';
import { complaintsAt, type ComplaintShingles } from './complaintTemplates';
import { jaccard } from './complaintText';
import { RecordMemo } from './recordMemo';

/** A campaign as found, before its text affinity is worked out: the complaints it was found from. */
export interface FoundCampaign {
  id: string;
  adSourceId: string;
  borrowerIds: string[];
  /** Positions of its complaints in evidence.complaints. */
  complaints: number[];
}

export interface SiblingSettings {
  /** Two campaigns' template cores this alike (Jaccard) paste one text. */
  coreJaccard: number;
  /** …and are one author's when every other campaign's core is at least this much less alike. */
  margin: number;
  /** …or by this much less when they file in step: their median filing days within `alignment` of their spread. */
  alignedMargin: number;
  alignment: number;
  /** Two campaigns whose filing periods overlap, or come within this many days of each other, run at once. */
  slackDays: number;
}

const DAY = 86_400_000;
/** Cores less alike than this are not compared further: boilerplate alone gets about this far. */
const LOOSE_JACCARD = 0.4;

/**
 * One agent often recruits through several flyers or accounts at once, and each source's
 * campaign is then a piece of one gang. Campaigns of different sources are joined when
 * they run in the same weeks and their filers paste one template, clearly closer to each
 * other than to any other campaign's.
 *
 * Who else shows it: gangs that bought one seller's template, or file a public self-help
 * text, paste a common text too; their campaigns are about as alike to one another as to
 * the other buyers', so no group of them stands apart by `margin` and they stay apart.
 * Campaigns that also file in step (centred on the same days) need a smaller margin
 * (`alignedMargin`): an agent's flyers feed one batch, while two buyers who overlap are
 * seldom centred alike. Where a whole group fails, its closest pairs are tried alone.
 * Unrelated gangs' own templates share the banks' boilerplate (the same laws, the same
 * demands), which keeps their cores apart by far less than one template's pastes.
 *
 * A campaign's core is the set of shingles found in the texts of at least half its filers
 * that have one: each paste drifts, the template stays. Candidate pairs come from prefix
 * filtering (each core's rarest shingles), so the cost follows the campaigns that share
 * rare text, not all pairs.
 */
export function joinSiblingCampaigns(found: readonly FoundCampaign[], evidence: Evidence, shingles: ComplaintShingles, settings: SiblingSettings): FoundCampaign[] {
  const facts = found.map((c) => campaignFacts(c, evidence, shingles));
  const cores = facts.map((f) => f.core);
  const spans = facts.map((f) => f.span);
  const kits = facts.map((f) => f.kit);
  const { pairs: similar, crowded } = similarPairs(cores, Math.min(LOOSE_JACCARD, settings.coreJaccard));
  const parent = found.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (const [a, b, alike] of similar) {
    if (alike < settings.coreJaccard || found[a]!.adSourceId === found[b]!.adSourceId || crowded.has(a) || crowded.has(b)) continue;
    if (!overlap(spans[a]!, spans[b]!, settings.slackDays * DAY)) continue;
    parent[root(b)] = root(a);
  }
  const groups = new Map<number, number[]>();
  found.forEach((_, i) => {
    const group = groups.get(root(i));
    if (group) group.push(i);
    else groups.set(root(i), [i]);
  });
  const near = neighbours(found.length, similar);
  const siblings = (members: readonly number[]) =>
    oneOperation(members, spans, settings.slackDays * DAY) &&
    !twoOperators(members, kits) &&
    standsApart(members, near, inStep(members, spans, settings.alignment) ? settings.alignedMargin : settings.margin);
  const asCampaign = (group: readonly number[]) => (group.length === 1 ? found[group[0]!]! : joined(group.map((i) => found[i]!)));
  return [...groups.values()].flatMap((members) =>
    members.length === 1 || siblings(members) ? [asCampaign(members)] : closestPairs(members, near, settings.coreJaccard, siblings).map(asCampaign),
  );
}

/** What a campaign is compared by, worked out from its complaints alone. */
interface CampaignFacts {
  core: Uint32Array;
  span: Span | null;
  kit: Set<string>;
}

const remembered = new RecordMemo<CampaignFacts>();

function campaignFacts(campaign: FoundCampaign, evidence: Evidence, shingles: ComplaintShingles): CampaignFacts {
  return remembered.get(...complaintsAt(campaign.complaints, evidence, shingles), () => ({ core: templateCore(campaign, evidence, shingles), span: timeSpan(campaign, evidence), kit: filingKit(campaign, evidence) }));
}

/** Each campaign's similar campaigns, most alike first: what the margin is judged from, without rescanning every pair. */
type Neighbours = [other: number, alike: number][][];

function neighbours(count: number, similar: readonly [number, number, number][]): Neighbours {
  const near: Neighbours = Array.from({ length: count }, () => []);
  for (const [a, b, alike] of similar) {
    near[a]!.push([b, alike]);
    near[b]!.push([a, alike]);
  }
  for (const list of near) list.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
  return near;
}

/**
 * A group that is not one operation as a whole (a seller's template pasted by several
 * buyers in the same months) may still hold one agent's two flyers, each other's
 * closest by far: its pairs are tried from the most alike down, each campaign joined
 * once at most. The pair must stand apart from every other campaign, its co-buyers included.
 */
function closestPairs(members: readonly number[], near: Neighbours, coreJaccard: number, siblings: (pair: readonly number[]) => boolean): number[][] {
  const inside = new Set(members);
  const pairs = members
    .flatMap((a) => near[a]!.filter(([b, alike]) => a < b && alike >= coreJaccard && inside.has(b)).map(([b, alike]) => [a, b, alike] as const))
    .sort((x, y) => y[2] - x[2] || x[0] - y[0] || x[1] - y[1]);
  const taken = new Set<number>();
  const out: number[][] = [];
  for (const [a, b] of pairs) {
    if (taken.has(a) || taken.has(b) || !siblings([a, b])) continue;
    taken.add(a).add(b);
    out.push([a, b]);
  }
  return [...out, ...members.filter((i) => !taken.has(i)).map((i) => [i])];
}

/** An agent runs a few flyers at once: a group of more, or one chained through time, is a circulating text, not one operation. */
const MAX_SIBLINGS = 3;

function oneOperation(members: readonly number[], spans: readonly (Span | null)[], slack: number): boolean {
  if (members.length > MAX_SIBLINGS) return false;
  return members.every((a) => members.every((b) => a === b || overlap(spans[a]!, spans[b]!, slack)));
}

/**
 * The phones and handsets through which at least two of a campaign's filers complained:
 * an operator's kit. Complaints that name neither leave it unknown (empty).
 */
function filingKit(campaign: FoundCampaign, evidence: Evidence): Set<string> {
  const filersOf = new Map<string, Set<string>>();
  for (const p of campaign.complaints) {
    const { phone, deviceId, borrowerId } = evidence.complaints[p]!;
    for (const tool of [phone && `phone:${phone}`, deviceId && `device:${deviceId}`]) {
      if (!tool) continue;
      const filers = filersOf.get(tool) ?? new Set<string>();
      filersOf.set(tool, filers.add(borrowerId));
    }
  }
  return new Set([...filersOf].filter(([, filers]) => filers.size >= 2).map(([tool]) => tool));
}

/**
 * Whether two of the campaigns each filed through an operator's kit and share none of it:
 * two operators who bought one template, not one agent's two flyers, whose kit would show
 * in both. A campaign with no kit in view (words-only gangs) says nothing either way.
 */
function twoOperators(members: readonly number[], kits: readonly Set<string>[]): boolean {
  return members.some((a) => members.some((b) => a < b && kits[a]!.size > 0 && kits[b]!.size > 0 && ![...kits[a]!].some((tool) => kits[b]!.has(tool))));
}

/** Spreads under a week are taken as a week: a batch filed in three days says little about its centre. */
const MIN_SPREAD = 7 * DAY;

/** Whether every two campaigns of a group centre their filings on about the same days. */
function inStep(members: readonly number[], spans: readonly (Span | null)[], alignment: number): boolean {
  return members.every((a) =>
    members.every((b) => {
      const [sa, sb] = [spans[a]!, spans[b]!];
      return a === b || Math.abs(sa.median - sb.median) <= alignment * Math.max(sa.spread, sb.spread, MIN_SPREAD);
    }),
  );
}

/**
 * Whether a group's campaigns are closer to one another than to anything else: the least
 * alike member's closest partner inside the group beats every outside campaign by `margin`.
 */
function standsApart(members: readonly number[], near: Neighbours, margin: number): boolean {
  const inside = new Set(members);
  let weakest = Infinity;
  let bestOutside = 0;
  for (const m of members) {
    // Lists run most alike first, so each answer is among the first |group| entries.
    weakest = Math.min(weakest, near[m]!.find(([other]) => inside.has(other))?.[1] ?? 0);
    bestOutside = Math.max(bestOutside, near[m]!.find(([other]) => !inside.has(other))?.[1] ?? 0);
  }
  return weakest - bestOutside >= margin;
}

/** Campaigns joined into one: the earliest id (ids sort by source, then first complaint), every filer and complaint. */
function joined(campaigns: FoundCampaign[]): FoundCampaign {
  const [first] = [...campaigns].sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    id: first!.id,
    adSourceId: first!.adSourceId,
    borrowerIds: [...new Set(campaigns.flatMap((c) => c.borrowerIds))].sort(),
    complaints: [...new Set(campaigns.flatMap((c) => c.complaints))].sort((a, b) => a - b),
  };
}

/** Shingles in the texts of at least half the filers with a text; empty when fewer than two filers have one. */
function templateCore(campaign: FoundCampaign, evidence: Evidence, shingles: ComplaintShingles): Uint32Array {
  const byFiler = new Map<string, Set<number>>();
  for (const p of campaign.complaints) {
    const s = shingles.of[p];
    if (!s) continue;
    const borrower = evidence.complaints[p]!.borrowerId;
    const set = byFiler.get(borrower) ?? new Set<number>();
    for (const h of s) set.add(h);
    byFiler.set(borrower, set);
  }
  if (byFiler.size < 2) return new Uint32Array(0);
  const counts = new Map<number, number>();
  for (const set of byFiler.values()) for (const h of set) counts.set(h, (counts.get(h) ?? 0) + 1);
  const half = byFiler.size / 2;
  return Uint32Array.from([...counts].filter(([, n]) => n >= half).map(([h]) => h)).sort();
}

/** When a campaign filed: first and last, and the median with the interquartile range (ms). */
interface Span {
  from: number;
  to: number;
  median: number;
  spread: number;
}

function timeSpan(campaign: FoundCampaign, evidence: Evidence): Span | null {
  const times = campaign.complaints.map((p) => evidence.complaints[p]!.filedAt).filter((t): t is string => Boolean(t)).map((t) => Date.parse(t));
  if (times.length === 0) return null;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { from: times[0]!, to: times.at(-1)!, median: at(0.5), spread: at(0.75) - at(0.25) };
}

/** Untimed campaigns are not placed in time, so they are never said to run at once. */
const overlap = (a: Span | null, b: Span | null, slack: number) => a !== null && b !== null && a.from <= b.to + slack && b.from <= a.to + slack;

/**
 * A core whose rarest shingles are shared with more cores than this is a circulating text
 * (one template pasted by many campaigns): it is not compared, and neither it nor the
 * campaigns it would have been compared with are joined to anything, since their
 * outsiders are not all known. This keeps the search linear where one text is everywhere
 * (at 5,000,000 borrowers of the default profile the search was quadratic and did not end in ten
 * minutes). 500 leaves every field, default and hard case measured at 200,000 as it was.
 */
const MAX_CANDIDATES = 500;

/**
 * Pairs of cores with Jaccard at least `threshold`, by prefix filtering: order every
 * shingle by how few cores hold it; two sets at that Jaccard share at least one of the
 * first |s| − ⌈threshold·|s|⌉ + 1 shingles of each, so only cores sharing a prefix shingle
 * are compared. `crowded`: the cores with too many candidates, and their candidates.
 *
 * A core's candidates are the earlier cores sharing a prefix shingle with it. Once a core
 * has more than MAX_CANDIDATES it is crowded and the rest of its lists need not be walked:
 * an earlier core is one of its candidates exactly when they share a prefix shingle, so
 * after the walk a core is marked crowded when a later crowded core holds one of its
 * prefix shingles. Where one text is everywhere (at 1,000,000 borrowers of the default
 * profile nearly every campaign's core is crowded) walking every list whole took some
 * 50 million steps per plan.
 *
 * A pair of two crowded cores is never used: crowded campaigns join nothing, and only a
 * joined group's members look at their neighbours. So candidates are compared once the
 * crowded are known, and pairs of two crowded cores are not compared at all: at 1,000,000
 * borrowers that was 3,354 crowded cores of 3,358 and some 220,000 comparisons per plan.
 */
function similarPairs(cores: readonly Uint32Array[], threshold: number): { pairs: [number, number, number][]; crowded: Set<number> } {
  const frequency = new Map<number, number>();
  for (const core of cores) for (const h of core) frequency.set(h, (frequency.get(h) ?? 0) + 1);
  // Rarest first, ties by shingle: as one number (count above, shingle below 2^32) sorted as
  // numbers, which is several times faster than comparing through the map.
  const rarestFirst = (core: Uint32Array) => {
    const keys = Float64Array.from(core, (h) => frequency.get(h)! * 2 ** 32 + h).sort();
    return Array.from(keys, (k) => k % 2 ** 32);
  };
  const index = new Map<number, number[]>();
  // Candidates in the order first met, without a Set: `metBy[j] === i` once core j is one of core i's.
  const candidates: number[] = [];
  const metBy = new Int32Array(cores.length).fill(-1);
  /** Each candidate pair as an earlier core, then a later one, compared at the end. */
  const candidatePairs: number[] = [];
  const pairs: [number, number, number][] = [];
  const crowded = new Set<number>();
  const prefixes: number[][] = [];
  /** Per shingle: the last crowded core holding it in its prefix. */
  const lastCrowded = new Map<number, number>();
  cores.forEach((core, i) => {
    prefixes[i] = [];
    if (core.length === 0) return;
    const prefix = rarestFirst(core).slice(0, core.length - Math.ceil(threshold * core.length) + 1);
    prefixes[i] = prefix;
    candidates.length = 0;
    const lists = prefix.map((h) => index.get(h) ?? []);
    // Each list holds distinct earlier cores: one longer than the bound crowds this core by
    // itself, and crowded cores were most of the walking (4.7 of 8.4 million steps at 1.26M borrowers).
    let isCrowded = lists.some((list) => list.length > MAX_CANDIDATES);
    walk: for (const list of isCrowded ? [] : lists) {
      for (const j of list) {
        if (metBy[j] === i) continue;
        metBy[j] = i;
        candidates.push(j);
        if (candidates.length > MAX_CANDIDATES) {
          isCrowded = true;
          break walk;
        }
      }
    }
    if (isCrowded) {
      crowded.add(i);
      for (const h of prefix) lastCrowded.set(h, i);
      candidates.length = 0;
    }
    for (const j of candidates) candidatePairs.push(j, i);
    for (const h of prefix) {
      const list = index.get(h);
      if (list) list.push(i);
      else index.set(h, [i]);
    }
  });
  prefixes.forEach((prefix, j) => {
    if (prefix.some((h) => (lastCrowded.get(h) ?? -1) > j)) crowded.add(j);
  });
  for (let k = 0; k < candidatePairs.length; k += 2) {
    const [j, i] = [candidatePairs[k]!, candidatePairs[k + 1]!];
    if (crowded.has(i) && crowded.has(j)) continue;
    const alike = jaccard(cores[i]!, cores[j]!);
    if (alike >= threshold) pairs.push([j, i, alike]);
  }
  return { pairs, crowded };
}
