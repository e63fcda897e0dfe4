import { emptyEvidence, type Evidence } from '../contract/evidence';
import { windowDayOf, type LiveWindow } from './liveWindow';

/**
 * Cuts a scenario into the slices a platform would send day by day over the live window.
 *
 * The rule, for each record (days are the window's, 1 to N; day 1 also holds all history):
 * - a borrower arrives on the day it registered (day 1 when `registeredAt` is missing), and
 *   its registered phones with it;
 * - an event arrives on the day of its own time (a device sighting's `seenAt`, a
 *   recruitment's `at`, a complaint's `filedAt`, a call's `at`), but never before its
 *   borrower: a platform cannot hold a record about a borrower it has not registered yet;
 * - a record without a time of its own (a contact phone, whose link carries no time; an
 *   event whose time is missing) arrives with the latest timed record about its borrower,
 *   or with the borrower when there is none. It may have happened any time up to then, and
 *   placing it earlier would let the history hold what only a later day could show (an
 *   agent's phone put on a recruit's account during the campaign);
 * - ad sources and complaint channels are reference data, on day 1.
 * So every slice is a valid batch on top of the slices before it, and the union of the
 * slices is the whole scenario, record for record.
 */
export class DailySlicer {
  /** Each borrower's arrival day, remembered across chunks: events follow their borrower. */
  private readonly borrowerDay = new Map<string, number>();
  /** Each borrower's latest timed record so far: records without a time arrive with it. */
  private readonly lastDay = new Map<string, number>();

  constructor(readonly window: LiveWindow) {}

  /** The chunk's records, by day: index 0 is day 1. */
  slice(chunk: Evidence): Evidence[] {
    const days = Array.from({ length: this.window.days }, emptyEvidence);
    const at = (day: number) => days[day - 1]!;
    for (const source of chunk.adSources) at(1).adSources.push(source);
    for (const channel of chunk.complaintChannels) at(1).complaintChannels.push(channel);
    for (const borrower of chunk.borrowers) {
      const day = windowDayOf(this.window, borrower.registeredAt) ?? 1;
      this.borrowerDay.set(borrower.id, day);
      this.lastDay.set(borrower.id, Math.max(day, this.lastDay.get(borrower.id) ?? day));
      at(day).borrowers.push(borrower);
    }
    const timed: [string, string | null | undefined][] = [
      ...chunk.deviceLinks.map((r) => [r.borrowerId, r.seenAt] as [string, string | null | undefined]),
      ...chunk.recruitments.map((r) => [r.borrowerId, r.at] as [string, string | null | undefined]),
      ...chunk.complaints.map((r) => [r.borrowerId, r.filedAt] as [string, string | null | undefined]),
      ...chunk.calls.map((r) => [r.borrowerId, r.at] as [string, string | null | undefined]),
    ];
    for (const [borrowerId, time] of timed) {
      const day = windowDayOf(this.window, time);
      if (day !== null) this.lastDay.set(borrowerId, Math.max(day, this.lastDay.get(borrowerId) ?? this.dayOfBorrower(borrowerId)));
    }
    for (const link of chunk.phoneLinks) {
      const registered = (link.role ?? 'registered') === 'registered';
      at(registered ? this.dayOfBorrower(link.borrowerId) : this.eventDay(link.borrowerId, null)).phoneLinks.push(link);
    }
    for (const link of chunk.deviceLinks) at(this.eventDay(link.borrowerId, link.seenAt)).deviceLinks.push(link);
    for (const recruitment of chunk.recruitments) at(this.eventDay(recruitment.borrowerId, recruitment.at)).recruitments.push(recruitment);
    for (const complaint of chunk.complaints) at(this.eventDay(complaint.borrowerId, complaint.filedAt)).complaints.push(complaint);
    for (const call of chunk.calls) at(this.eventDay(call.borrowerId, call.at)).calls.push(call);
    return days;
  }

  private dayOfBorrower(borrowerId: string): number {
    const day = this.borrowerDay.get(borrowerId);
    // The generator streams every borrower before or with its records; anything else is a bug worth stopping for.
    if (day === undefined) throw new Error(`DailySlicer: a record about borrower "${borrowerId}" came before the borrower`);
    return day;
  }

  /** Its own day, not before its borrower's; without a time, its borrower's latest timed record's. */
  private eventDay(borrowerId: string, time: string | null | undefined): number {
    const own = windowDayOf(this.window, time);
    return own === null ? this.lastDay.get(borrowerId) ?? this.dayOfBorrower(borrowerId) : Math.max(this.dayOfBorrower(borrowerId), own);
  }
}

/** Whether a slice holds any record at all. */
export const sliceSize = (slice: Evidence): number => Object.values(slice).reduce((n, records: unknown[]) => n + records.length, 0);
