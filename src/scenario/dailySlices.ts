import { emptyEvidence, type Evidence } from '../contract/evidence';
import { windowDayOf, type LiveWindow } from './liveWindow';

/**
 * Cuts a scenario into the slices a platform would send day by day over the live window.
 *
 * The rule, for each record (days are the window's, 1 to N; day 1 also holds all history):
 * - a borrower arrives on the day it registered (day 1 when `registeredAt` is missing);
 * - an event arrives on the day of its own time (a device sighting's `seenAt`, a
 *   recruitment's `at`, a complaint's `filedAt`, a call's `at`), but never before its
 *   borrower: a platform cannot hold a record about a borrower it has not registered yet;
 * - records without a time of their own (phone links; events whose time is missing) arrive
 *   with their borrower;
 * - ad sources and complaint channels are reference data, on day 1.
 * So every slice is a valid batch on top of the slices before it, and the union of the
 * slices is the whole scenario, record for record.
 */
export class DailySlicer {
  /** Each borrower's arrival day, remembered across chunks: events follow their borrower. */
  private readonly borrowerDay = new Map<string, number>();

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
      at(day).borrowers.push(borrower);
    }
    for (const link of chunk.phoneLinks) at(this.dayOfBorrower(link.borrowerId)).phoneLinks.push(link);
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

  private eventDay(borrowerId: string, time: string | null | undefined): number {
    const own = this.dayOfBorrower(borrowerId);
    return Math.max(own, windowDayOf(this.window, time) ?? own);
  }
}

/** Whether a slice holds any record at all. */
export const sliceSize = (slice: Evidence): number => Object.values(slice).reduce((n, records: unknown[]) => n + records.length, 0);
