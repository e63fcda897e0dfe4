import type { Evidence } from '../contract/evidence';

/**
 * Dense integer ids for borrowers, assigned in sorted id order. Every later structure is
 * keyed by these indices, and because the order is sorted, graphs built from them are
 * fed to Louvain in the same order whatever order the evidence arrived in.
 */
export interface BorrowerIndex {
  ids: string[];
  indexOf: Map<string, number>;
}

export function indexBorrowers(evidence: Evidence): BorrowerIndex {
  const seen = new Set<string>();
  for (const b of evidence.borrowers) seen.add(b.id);
  // Links may name borrowers the batch did not declare; they still take part.
  const referenced = [evidence.phoneLinks, evidence.deviceLinks, evidence.recruitments, evidence.complaints, evidence.calls];
  for (const records of referenced) for (const r of records) seen.add(r.borrowerId);
  const ids = [...seen].sort(compareIds);
  const indexOf = new Map<string, number>();
  ids.forEach((id, i) => indexOf.set(id, i));
  return { ids, indexOf };
}

/** Plain code-unit order: locale-independent, so every machine sorts alike. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
