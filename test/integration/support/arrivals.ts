import { emptyEvidence, type Evidence } from '../../../src/contract/evidence';

/**
 * A scenario's records as a platform receives them, in `slices` periods of equal record
 * counts: each record in the period of its own time (a complaint when filed, a call when
 * made), never before its borrower registered; ad sources and channels first.
 */
export function arrivals(evidence: Evidence, slices: number): Evidence[] {
  const when = (iso: string | undefined, fallback: number) => (iso ? Date.parse(iso) : fallback);
  const registered = new Map(evidence.borrowers.map((b) => [b.id, when(b.registeredAt, 0)]));
  const borrowerTime = (id: string) => registered.get(id) ?? 0;
  const times = [
    ...evidence.borrowers.map((b) => borrowerTime(b.id)),
    ...evidence.complaints.map((c) => when(c.filedAt, borrowerTime(c.borrowerId))),
    ...evidence.calls.map((c) => when(c.at, borrowerTime(c.borrowerId))),
  ].sort((a, b) => a - b);
  const bounds = Array.from({ length: slices - 1 }, (_, i) => times[Math.floor(((i + 1) * times.length) / slices)]!);
  const sliceOf = (t: number) => bounds.filter((b) => t >= b).length;
  const out = Array.from({ length: slices }, () => emptyEvidence());
  const put = <K extends keyof Evidence>(kind: K, record: Evidence[K][number], t: number, borrowerId: string) =>
    (out[Math.max(sliceOf(t), sliceOf(borrowerTime(borrowerId)))]![kind] as Evidence[K][number][]).push(record);
  out[0]!.adSources = evidence.adSources;
  out[0]!.complaintChannels = evidence.complaintChannels;
  for (const b of evidence.borrowers) put('borrowers', b, borrowerTime(b.id), b.id);
  for (const l of evidence.phoneLinks) put('phoneLinks', l, 0, l.borrowerId);
  for (const l of evidence.deviceLinks) put('deviceLinks', l, when(l.seenAt, 0), l.borrowerId);
  for (const r of evidence.recruitments) put('recruitments', r, when(r.at, 0), r.borrowerId);
  // A record sent twice (a correction) arrives with its first copy: the ingest refuses an
  // event stored once already under another borrower, phone or device.
  const firstOf = <T extends { id: string; borrowerId: string }>(rows: T[], time: (r: T) => number) => {
    const slice = new Map<string, number>();
    for (const r of rows) slice.set(r.id, Math.min(slice.get(r.id) ?? Infinity, Math.max(sliceOf(time(r)), sliceOf(borrowerTime(r.borrowerId)))));
    return (r: T) => slice.get(r.id)!;
  };
  const complaintSlice = firstOf(evidence.complaints, (c) => when(c.filedAt, 0));
  for (const c of evidence.complaints) out[complaintSlice(c)]!.complaints.push(c);
  const callSlice = firstOf(evidence.calls, (c) => when(c.at, 0));
  for (const c of evidence.calls) out[callSlice(c)]!.calls.push(c);
  return out;
}
