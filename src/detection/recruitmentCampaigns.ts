import type { Evidence } from '../contract/evidence';
import { complaintsAt, type ComplaintShingles } from './complaintTemplates';
import { jaccard } from './complaintText';
import { RecordMemo } from './recordMemo';
import type { DetectionOptions } from './options';
import { joinSiblingCampaigns, type FoundCampaign } from './siblingCampaigns';

/**
 * Complaint campaigns run through one recruiting ad source: recruits of one small flyer,
 * chat group or account who complained within one campaign window. This is the whole
 * trace of a gang whose agent coached each recruit, or filed from each recruit's own
 * phone and handset: no phone, device or voice is shared, only the flyer, the timing and
 * (usually) the words.
 *
 * Who else shows it: honest recruits of a flyer complain too (a few in a hundred a year),
 * on their own schedule; strangers file a template copied from the internet, but through
 * whatever channel brought them to the platform, weeks apart. So a source's complaints
 * are split where a few weeks pass with nobody filing, and a window becomes a campaign
 * only when that many of the source's recruits complaining within it would be a surprise
 * at the platform's own complaint rate (Poisson, below `campaignSurprise`). The words
 * then weigh each tie (`affinity`): two filers of near-duplicate texts are tied fully,
 * two of unrelated texts (two gangs that used one printer) weakly, and a filer whose
 * complaint has no text sits in between, because a missing text is unknown, not different.
 */
export interface RecruitmentCampaign {
  /** `<ad source id>~<first complaint id>`: stable while the data is. */
  id: string;
  adSourceId: string;
  /** Borrower ids of the filers, ascending. */
  borrowerIds: string[];
  /** Text affinity of filers i and j at [i * n + j], in [0, 1]. */
  affinity: Float32Array;
}

const DAY = 86_400_000;

/** What the platform's complaint rate is computed from: counted over all the data, whichever part of it `evidence` holds. */
export interface ComplaintFacts {
  borrowers: number;
  complainers: number;
  /** First and last filing time (ms), or null when no complaint carries one. */
  firstAt: number | null;
  lastAt: number | null;
}

/**
 * Finds the campaigns in `evidence`, which must hold the small ad sources' recruitments of
 * every recruit who complained, and every complaint of theirs (with their names, to mask
 * them in texts); `facts` come from all the data, and so do `sizes` (each ad source's
 * recruits) when `evidence` does not hold every recruitment.
 */
export function findRecruitmentCampaigns(
  evidence: Evidence,
  shingles: ComplaintShingles,
  options: DetectionOptions,
  facts: ComplaintFacts = complaintFacts(evidence),
  sizes?: ReadonlyMap<string, number>,
): RecruitmentCampaign[] {
  const recruitsOf = recruitsBySource(evidence);
  const complaintsOf = new Map<string, number[]>();
  evidence.complaints.forEach((c, p) => {
    const list = complaintsOf.get(c.borrowerId);
    if (list) list.push(p);
    else complaintsOf.set(c.borrowerId, [p]);
  });
  // Parsed once: sorting a source's complaints by time parsed them at every comparison.
  const filedAt = Float64Array.from(evidence.complaints, (c) => (c.filedAt ? Date.parse(c.filedAt) : NaN));
  const rate = complaintRate(facts);
  const place = placeByText(shingles, options.templateJaccard);
  const found: FoundCampaign[] = [];
  for (const [source, recruits] of [...recruitsOf].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const size = sizes ? (sizes.get(source) ?? 0) : recruits.size;
    if (size < 2 || size > options.adSourceHubDegree) continue;
    const positions = [...recruits].sort().flatMap((b) => complaintsOf.get(b) ?? []);
    if (positions.length < 2) continue;
    for (const window of campaignWindows(positions, evidence, filedAt, options.campaignGapDays, place)) {
      if (window.filers.length < 2) continue;
      if (campaignSurprise(window.filers.length, size, window.spanDays, rate) > Math.log(options.campaignSurprise)) continue;
      const first = window.complaints.map((p) => evidence.complaints[p]!.id).sort()[0]!;
      found.push({ id: `${source}~${first}`, adSourceId: source, borrowerIds: window.filers, complaints: window.complaints });
    }
  }
  const siblings = {
    coreJaccard: options.siblingCoreJaccard,
    margin: options.siblingMargin,
    alignedMargin: options.siblingAlignedMargin,
    alignment: options.siblingAlignment,
    slackDays: options.siblingSlackDays,
  };
  return joinSiblingCampaigns(found, evidence, shingles, siblings)
    .map(({ complaints, ...c }) => ({ ...c, affinity: rememberedAffinity(c.borrowerIds, complaints, evidence, shingles) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Affinity of two filers whose texts cannot both be compared: unknown, so neither close nor far. */
const UNKNOWN_AFFINITY = 0.5;
/** Affinity of two filers whose texts share nothing: the flyer and the timing still tie them. */
const NO_TEXT_IN_COMMON = 0.15;
/**
 * Texts at least this alike are one text pasted, and tie their filers fully, across
 * operators too (campaignBridges.ts). Pastes that drifted further still share a template
 * (`templateJaccard`) and tie a little less: two gangs that file one plain template
 * through one flyer weeks apart read that far apart, and tying them fully merged them.
 */
export const FAITHFUL_PASTE = 0.5;

const remembered = new RecordMemo<Float32Array>();

/** A campaign's text affinity, worked out again only when its complaints changed: its filers are theirs. */
function rememberedAffinity(filers: readonly string[], complaints: readonly number[], evidence: Evidence, shingles: ComplaintShingles): Float32Array {
  return remembered.get(...complaintsAt(complaints, evidence, shingles), () => textAffinity(filers, complaints, evidence, shingles));
}

/**
 * How alike two filers' complaints read, from the closest pair of their texts: full at
 * FAITHFUL_PASTE and above, falling linearly to NO_TEXT_IN_COMMON at no shared shingle.
 */
function textAffinity(filers: readonly string[], complaints: readonly number[], evidence: Evidence, shingles: ComplaintShingles): Float32Array {
  const n = filers.length;
  const textsOf = filers.map((b) => complaints.filter((p) => evidence.complaints[p]!.borrowerId === b && shingles.of[p]).slice(0, 4));
  const affinity = new Float32Array(n * n).fill(UNKNOWN_AFFINITY);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (textsOf[i]!.length === 0 || textsOf[j]!.length === 0) continue;
      let best = 0;
      for (const p of textsOf[i]!) for (const q of textsOf[j]!) best = Math.max(best, jaccard(shingles.of[p]!, shingles.of[q]!));
      const a = NO_TEXT_IN_COMMON + (1 - NO_TEXT_IN_COMMON) * Math.min(1, best / FAITHFUL_PASTE);
      affinity[i * n + j] = a;
      affinity[j * n + i] = a;
    }
  }
  return affinity;
}

/** The distinct recruits of each ad source. */
export function recruitsBySource(evidence: Evidence): Map<string, Set<string>> {
  const recruits = new Map<string, Set<string>>();
  for (const r of evidence.recruitments) {
    const set = recruits.get(r.adSourceId) ?? new Set<string>();
    set.add(r.borrowerId);
    recruits.set(r.adSourceId, set);
  }
  return recruits;
}

/** Windows shorter than a week are judged as a week: filings cluster by weekday, and one day proves little. */
const MIN_WINDOW_DAYS = 7;

/**
 * ln of the chance that `filers` of a source's `recruits` complain within a window this
 * long somewhere in the period the data covers, at the platform's complaint rate: the
 * Poisson tail for one window, times the number of such windows in the period (a scan
 * statistic, Bonferroni-style), since the window was found by looking everywhere.
 */
function campaignSurprise(filers: number, recruits: number, spanDays: number, rate: { perDay: number; days: number }): number {
  const window = Math.max(spanDays, MIN_WINDOW_DAYS);
  const positions = Math.max(1, rate.days / window);
  return logPoissonTail(filers, recruits * rate.perDay * window) + Math.log(positions);
}

export function complaintFacts(evidence: Evidence): ComplaintFacts {
  let first = Infinity;
  let last = -Infinity;
  const complainers = new Set<string>();
  for (const c of evidence.complaints) {
    complainers.add(c.borrowerId);
    if (!c.filedAt) continue;
    const t = Date.parse(c.filedAt);
    first = Math.min(first, t);
    last = Math.max(last, t);
  }
  return {
    borrowers: new Set(evidence.borrowers.map((b) => b.id)).size,
    complainers: complainers.size,
    firstAt: Number.isFinite(first) ? first : null,
    lastAt: Number.isFinite(last) ? last : null,
  };
}

/** The chance that one borrower files a complaint on a given day, and the days the data covers. */
function complaintRate(facts: ComplaintFacts): { perDay: number; days: number } {
  const days = facts.firstAt !== null && facts.lastAt !== null ? Math.max(1, (facts.lastAt - facts.firstAt) / DAY) : 1;
  return { perDay: facts.complainers / Math.max(1, facts.borrowers) / days, days };
}

interface CampaignWindow {
  filers: string[];
  complaints: number[];
  spanDays: number;
}

/**
 * Splits a source's complaints into campaigns: in time order, cut wherever nobody filed
 * for `gapDays`. Two gangs that used one printer still campaign at different times, most
 * often. A complaint with no time joins the only campaign there is; where there are
 * several, it joins the one whose texts it pastes (`place`), since a missing time is
 * unknown, not elsewhere, and is left out when its words do not say.
 */
function campaignWindows(group: readonly number[], evidence: Evidence, filedAt: Float64Array, gapDays: number, place: PlaceByText): CampaignWindow[] {
  const time = (p: number) => filedAt[p]!;
  const timed = group.filter((p) => evidence.complaints[p]!.filedAt).sort((a, b) => time(a) - time(b));
  const windows: number[][] = [];
  let last = -Infinity;
  for (const p of timed) {
    if (time(p) - last > gapDays * DAY) windows.push([]);
    windows[windows.length - 1]!.push(p);
    last = time(p);
  }
  const untimed = group.filter((p) => !evidence.complaints[p]!.filedAt);
  if (windows.length <= 1) windows.splice(0, 1, [...(windows[0] ?? []), ...untimed]);
  else {
    // All placed against the timed windows first, so one untimed paste never vouches for another.
    const placed = untimed.map((p) => [p, place(p, windows)] as const);
    for (const [p, w] of placed) if (w !== null) windows[w]!.push(p);
  }
  return windows.map((complaints) => {
    const times = complaints.filter((p) => evidence.complaints[p]!.filedAt).map(time);
    // With no time at all, the window is the whole period the data covers.
    const spanDays = times.length >= 2 ? (Math.max(...times) - Math.min(...times)) / DAY : times.length === 1 ? 0 : 366;
    return { filers: [...new Set(complaints.map((p) => evidence.complaints[p]!.borrowerId))].sort(), complaints, spanDays };
  });
}

/** The window an untimed complaint belongs to, or null when no window's texts, or more than one's, are its own. */
type PlaceByText = (complaint: number, windows: readonly (readonly number[])[]) => number | null;

/** Texts compared per window when placing an untimed complaint: a campaign's template shows in a few of its pastes. */
const PLACE_SAMPLE = 50;

function placeByText(shingles: ComplaintShingles, threshold: number): PlaceByText {
  return (p, windows) => {
    const text = shingles.of[p];
    if (!text) return null;
    const matching = windows.flatMap((w, i) => (w.slice(0, PLACE_SAMPLE).some((q) => q !== p && shingles.of[q] && jaccard(text, shingles.of[q]!) >= threshold) ? [i] : []));
    return matching.length === 1 ? matching[0]! : null;
  };
}


/** ln P(X ≥ k) for X ~ Poisson(λ), summed in log space so tiny tails do not underflow. */
export function logPoissonTail(k: number, lambda: number): number {
  if (k <= 0) return 0;
  if (lambda <= 0) return -Infinity;
  let logTerm = k * Math.log(lambda) - lambda - logFactorial(k);
  let total = logTerm;
  // Terms fall geometrically once i passes λ; stop when they no longer move the sum.
  for (let i = k + 1; i < k + 10_000; i++) {
    logTerm += Math.log(lambda / i);
    total = logAdd(total, logTerm);
    if (i > lambda && logTerm < total - 40) break;
  }
  return Math.min(0, total);
}

function logFactorial(n: number): number {
  let sum = 0;
  for (let i = 2; i <= n; i++) sum += Math.log(i);
  return sum;
}

const logAdd = (a: number, b: number) => (a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b)));
