import type { Evidence } from '../contract/evidence';
import { nearDuplicateGroups, type ComplaintShingles } from './complaintTemplates';
import type { DetectionOptions } from './options';

/**
 * Complaint campaigns run through one recruiting ad source: recruits of one small flyer,
 * chat group or account who filed near-duplicate complaints within one campaign window.
 * This is the whole trace of a gang whose agent coached each recruit, or filed from each
 * recruit's own phone and handset: no phone, device or voice is shared, only the flyer,
 * the words and the timing.
 *
 * Who else shows it: honest recruits of a flyer complain too (about one in fifty a year),
 * in their own words and on their own schedule; strangers file a template copied from
 * the internet, but through whatever channel brought them to the platform, weeks apart.
 * So texts are compared only among one small source's recruits, a group is split where a
 * few weeks pass with nobody filing, and it becomes a tie only when that many of the
 * source's recruits complaining within that window would be a surprise at the
 * platform's own complaint rate (Poisson, below `campaignSurprise`).
 */
export interface RecruitmentCampaign {
  /** `<ad source id>~<first complaint id>`: stable while the data is. */
  id: string;
  adSourceId: string;
  /** Borrower ids of the filers, ascending. */
  borrowerIds: string[];
}

const DAY = 86_400_000;

export function findRecruitmentCampaigns(evidence: Evidence, shingles: ComplaintShingles, options: DetectionOptions): RecruitmentCampaign[] {
  const recruitsOf = recruitsBySource(evidence);
  const complaintsOf = new Map<string, number[]>();
  evidence.complaints.forEach((c, p) => complaintsOf.set(c.borrowerId, [...(complaintsOf.get(c.borrowerId) ?? []), p]));
  const rate = complaintRate(evidence);
  const out: RecruitmentCampaign[] = [];
  for (const [source, recruits] of [...recruitsOf].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (recruits.size < 2 || recruits.size > options.adSourceHubDegree) continue;
    const positions = [...recruits].sort().flatMap((b) => complaintsOf.get(b) ?? []);
    if (positions.length < 2) continue;
    for (const group of nearDuplicateGroups(positions, shingles, options.campaignTextJaccard, options.maxTextsPerRing)) {
      for (const window of campaignWindows(group, evidence, options.campaignGapDays)) {
        if (window.filers.length < 2) continue;
        const expected = recruits.size * rate.perDay * (window.spanDays + options.campaignGapDays);
        if (logPoissonTail(window.filers.length, expected) > Math.log(options.campaignSurprise)) continue;
        const first = window.complaints.map((p) => evidence.complaints[p]!.id).sort()[0]!;
        out.push({ id: `${source}~${first}`, adSourceId: source, borrowerIds: window.filers });
      }
    }
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function recruitsBySource(evidence: Evidence): Map<string, Set<string>> {
  const recruits = new Map<string, Set<string>>();
  for (const r of evidence.recruitments) {
    const set = recruits.get(r.adSourceId) ?? new Set<string>();
    set.add(r.borrowerId);
    recruits.set(r.adSourceId, set);
  }
  return recruits;
}

/** The chance that one borrower files a complaint on a given day, from the data itself. */
function complaintRate(evidence: Evidence): { perDay: number } {
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
  const days = Number.isFinite(first) ? Math.max(1, (last - first) / DAY) : 1;
  const borrowers = Math.max(1, new Set(evidence.borrowers.map((b) => b.id)).size);
  return { perDay: complainers.size / borrowers / days };
}

interface CampaignWindow {
  filers: string[];
  complaints: number[];
  spanDays: number;
}

/**
 * Splits near-duplicate complaints into campaigns: in time order, cut wherever nobody
 * filed for `gapDays`. Two gangs that bought one template and used one printer still
 * campaign at different times. Complaints with no time join when there is only one
 * campaign; otherwise where they belong is unknown and they are left out.
 */
function campaignWindows(group: readonly number[], evidence: Evidence, gapDays: number): CampaignWindow[] {
  const timed = group.filter((p) => evidence.complaints[p]!.filedAt).sort((a, b) => time(evidence, a) - time(evidence, b));
  const windows: number[][] = [];
  let last = -Infinity;
  for (const p of timed) {
    if (time(evidence, p) - last > gapDays * DAY) windows.push([]);
    windows[windows.length - 1]!.push(p);
    last = time(evidence, p);
  }
  const untimed = group.filter((p) => !evidence.complaints[p]!.filedAt);
  if (windows.length <= 1) windows.splice(0, 1, [...(windows[0] ?? []), ...untimed]);
  return windows.map((complaints) => {
    const times = complaints.filter((p) => evidence.complaints[p]!.filedAt).map((p) => time(evidence, p));
    // With no time at all, the window is the whole period the data covers.
    const spanDays = times.length >= 2 ? (Math.max(...times) - Math.min(...times)) / DAY : times.length === 1 ? 0 : 366;
    return { filers: [...new Set(complaints.map((p) => evidence.complaints[p]!.borrowerId))].sort(), complaints, spanDays };
  });
}

const time = (evidence: Evidence, p: number) => Date.parse(evidence.complaints[p]!.filedAt!);

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
