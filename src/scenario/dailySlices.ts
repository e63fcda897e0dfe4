import { emptyEvidence, type Evidence } from '../contract/evidence';
import { windowDayOf, type LiveWindow } from './liveWindow';

/**
 * Cuts a scenario into the slices a platform would send day by day over the live window.
 *
 * The rule, for each record (days are the window's, 1 to N; day 1 also holds all history):
 * - a record arrives on the day it happened, never before its borrower (a platform holds no
 *   record about a borrower it has not registered yet): a borrower on the day it registered,
 *   a device sighting, recruitment, complaint or call on the day of its time;
 * - the day is that of the record as generated. In the field profile a platform's exports
 *   lose times now and then (a complaint without `filedAt`); such a record still arrived on
 *   the day it happened, only its export does not say when. Placing it by anything else
 *   would let the history hold what only a later day could show (a campaign complaint
 *   whose time was lost, delivered with its borrower's registration);
 * - phone links carry no time at all. A registered phone arrives with its borrower. A contact
 *   phone arrives on the first day the borrower's own calls or complaints used it (an agent's
 *   phone put on a recruit's account shows when the agent first calls from it); one never
 *   used arrives with its borrower's latest timed record, as anything without a time does:
 *   it may have been given any time up to then, and with the borrower it would put an
 *   agent's phone in the history before the campaign that brought it;
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

  /**
   * The chunk's records, by day: index 0 is day 1. `generated` is the same chunk as the
   * generator made it (scenarioChunksAsGenerated), with every time and phone it had; without
   * it the records' own times are used.
   */
  slice(chunk: Evidence, generated: Evidence = chunk): Evidence[] {
    assertSameRecords(chunk, generated);
    const days = Array.from({ length: this.window.days }, emptyEvidence);
    const at = (day: number) => days[day - 1]!;
    for (const source of chunk.adSources) at(1).adSources.push(source);
    for (const channel of chunk.complaintChannels) at(1).complaintChannels.push(channel);
    generated.borrowers.forEach((borrower, i) => {
      const day = this.dayOf(borrower.registeredAt) ?? 1;
      this.borrowerDay.set(borrower.id, day);
      this.lastDay.set(borrower.id, Math.max(day, this.lastDay.get(borrower.id) ?? day));
      at(day).borrowers.push(chunk.borrowers[i]!);
    });

    // Every generated time first, so a record without one knows its borrower's latest.
    const deviceDays = generated.deviceLinks.map((l) => this.seen(l.borrowerId, l.seenAt));
    const recruitmentDays = generated.recruitments.map((r) => this.seen(r.borrowerId, r.at));
    const complaintDays = generated.complaints.map((c) => this.seen(c.borrowerId, c.filedAt));
    const callDays = generated.calls.map((c) => this.seen(c.borrowerId, c.at));
    // Phones as generated: the exports rewrite some into other forms (phoneForms.ts).
    const firstUse = new Map<string, number>();
    const used = (borrowerId: string, phone: string | undefined, day: number | null) => {
      if (phone === undefined || day === null) return;
      const key = `${borrowerId}\u0000${phone}`;
      firstUse.set(key, Math.min(day, firstUse.get(key) ?? day));
    };
    generated.calls.forEach((c, i) => used(c.borrowerId, c.phone, callDays[i]!));
    generated.complaints.forEach((c, i) => used(c.borrowerId, c.phone, complaintDays[i]!));

    generated.phoneLinks.forEach(({ borrowerId, phone, role }, i) => {
      const day = (role ?? 'registered') === 'registered' ? this.dayOfBorrower(borrowerId) : this.eventDay(borrowerId, firstUse.get(`${borrowerId}\u0000${phone}`) ?? null);
      at(day).phoneLinks.push(chunk.phoneLinks[i]!);
    });
    chunk.deviceLinks.forEach((l, i) => at(this.eventDay(l.borrowerId, deviceDays[i]!)).deviceLinks.push(l));
    pairRecruitments(chunk, generated).forEach((g, i) => at(this.eventDay(chunk.recruitments[i]!.borrowerId, recruitmentDays[g]!)).recruitments.push(chunk.recruitments[i]!));
    chunk.complaints.forEach((c, i) => at(this.eventDay(c.borrowerId, complaintDays[i]!)).complaints.push(c));
    chunk.calls.forEach((c, i) => at(this.eventDay(c.borrowerId, callDays[i]!)).calls.push(c));
    return days;
  }

  private dayOf(time: string | null | undefined): number | null {
    return windowDayOf(this.window, time);
  }

  /** The day of a generated time, which also moves its borrower's latest timed record on. */
  private seen(borrowerId: string, time: string | null | undefined): number | null {
    const day = this.dayOf(time);
    if (day !== null) this.lastDay.set(borrowerId, Math.max(day, this.lastDay.get(borrowerId) ?? this.dayOfBorrower(borrowerId)));
    return day;
  }

  private dayOfBorrower(borrowerId: string): number {
    const day = this.borrowerDay.get(borrowerId);
    // The generator streams every borrower before or with its records; anything else is a bug worth stopping for.
    if (day === undefined) throw new Error(`DailySlicer: a record about borrower "${borrowerId}" came before the borrower`);
    return day;
  }

  /** Its own day, not before its borrower's; without one, its borrower's latest timed record's. */
  private eventDay(borrowerId: string, day: number | null): number {
    return day === null ? this.lastDay.get(borrowerId) ?? this.dayOfBorrower(borrowerId) : Math.max(this.dayOfBorrower(borrowerId), day);
  }
}

/**
 * The exports change records one for one, in place (recordNoise.ts), so a record and its
 * generated self share their index; only recruitments can be dropped. A pair that does not
 * line up would place records by someone else's times, silently: stop instead.
 */
function assertSameRecords(chunk: Evidence, generated: Evidence): void {
  const owner = (r: object) => ('borrowerId' in r ? r.borrowerId : (r as { id: string }).id);
  for (const kind of ['borrowers', 'phoneLinks', 'deviceLinks', 'complaints', 'calls'] as const) {
    const records: object[] = chunk[kind];
    const generatedRecords: object[] = generated[kind];
    const mismatch = records.length !== generatedRecords.length || records.some((r, i) => owner(r) !== owner(generatedRecords[i]!));
    if (mismatch) throw new Error(`DailySlicer: the exported ${kind} are not the generated ones record for record`);
  }
  if (chunk.recruitments.length > generated.recruitments.length) throw new Error('DailySlicer: more exported recruitments than generated ones');
}

/**
 * For each exported recruitment, the index of its generated self. The exports drop some but
 * keep the order, so each is the next generated one of the same borrower and ad source (and
 * time, when the export kept it).
 */
function pairRecruitments(chunk: Evidence, generated: Evidence): number[] {
  let g = 0;
  return chunk.recruitments.map((r) => {
    const same = (o: (typeof generated.recruitments)[number]) => o.borrowerId === r.borrowerId && o.adSourceId === r.adSourceId && (r.at === undefined || r.at === o.at);
    while (g < generated.recruitments.length && !same(generated.recruitments[g]!)) g++;
    if (g === generated.recruitments.length) throw new Error(`DailySlicer: the exported recruitment of borrower "${r.borrowerId}" is not among the generated ones`);
    return g++;
  });
}

/** Whether a slice holds any record at all. */
export const sliceSize = (slice: Evidence): number => Object.values(slice).reduce((n, records: unknown[]) => n + records.length, 0);
