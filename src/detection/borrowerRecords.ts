import type { Evidence } from '../contract/evidence';
import type { BorrowerIndex } from './borrowerIndex';
import type { Borrower } from '../contract/ingestBatch';

/** Positions of each borrower's records in one evidence array, as compressed rows. */
export interface RecordRows {
  offsets: Int32Array;
  rows: Int32Array;
}

/** Per-borrower access to the records that scoring reads: profile, complaints and calls, and which links exist. */
export interface BorrowerRecords {
  profile: (Borrower | undefined)[];
  complaints: RecordRows;
  calls: RecordRows;
  /** Borrower index of each complaint, by its position in evidence.complaints. */
  complaintOwner: Int32Array;
  /** 1 where the borrower has at least one record of the kind. */
  phoneLinks: Uint8Array;
  deviceLinks: Uint8Array;
  recruited: Uint8Array;
}

export function indexBorrowerRecords(evidence: Evidence, borrowers: BorrowerIndex): BorrowerRecords {
  const profile: (Borrower | undefined)[] = new Array(borrowers.ids.length).fill(undefined);
  for (const b of evidence.borrowers) profile[borrowers.indexOf.get(b.id)!] = b;
  const flags = (records: readonly { borrowerId: string }[]) => {
    const has = new Uint8Array(borrowers.ids.length);
    for (const r of records) has[borrowers.indexOf.get(r.borrowerId)!] = 1;
    return has;
  };
  return {
    profile,
    complaints: rowsByBorrower(evidence.complaints, borrowers),
    calls: rowsByBorrower(evidence.calls, borrowers),
    complaintOwner: Int32Array.from(evidence.complaints, (c) => borrowers.indexOf.get(c.borrowerId)!),
    phoneLinks: flags(evidence.phoneLinks),
    deviceLinks: flags(evidence.deviceLinks),
    recruited: flags(evidence.recruitments),
  };
}

export function* rowsOf(rows: RecordRows, borrower: number): Generator<number> {
  for (let r = rows.offsets[borrower]!; r < rows.offsets[borrower + 1]!; r++) yield rows.rows[r]!;
}

function rowsByBorrower(records: readonly { borrowerId: string }[], borrowers: BorrowerIndex): RecordRows {
  const count = borrowers.ids.length;
  const offsets = new Int32Array(count + 1);
  const owner = Int32Array.from(records, (r) => borrowers.indexOf.get(r.borrowerId)!);
  for (const b of owner) offsets[b + 1]!++;
  for (let b = 0; b < count; b++) offsets[b + 1]! += offsets[b]!;
  const rows = new Int32Array(records.length);
  const cursor = offsets.slice(0, count);
  owner.forEach((b, i) => (rows[cursor[b]!++] = i));
  return { offsets, rows };
}
