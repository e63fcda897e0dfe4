import type { RecordKind, RecordOf } from '../contract/ingestBatch';
import { nodesNamedBy } from '../contract/nodesNamed';
import { UnionFind } from '../detection/unionFind';

/**
 * Splits records of one kind into at most `lanes` groups that lock no node in common, as
 * evenly as their connected components allow: records that share a node stay together,
 * whole components go largest first to the emptiest lane. Transactions over different
 * lanes then never wait on each other's locks, which is what lets two writers run at once
 * (two transactions that shared a few borrowers ran one after the other). A kind whose
 * records all meet in one node (every recruitment of a large ad source) stays one lane.
 * Each lane keeps the records' order.
 */
export function splitIntoLanes<K extends RecordKind>(kind: K, records: ReadonlyArray<RecordOf<K>>, lanes: number): RecordOf<K>[][] {
  if (lanes <= 1 || records.length <= 1) return records.length > 0 ? [[...records]] : [];
  const nodesOf = nodesNamedBy(kind);
  const sets = new UnionFind(records.length);
  const firstRecordOf = new Map<string, number>();
  records.forEach((record, index) => {
    for (const node of nodesOf(record)) {
      const first = firstRecordOf.get(node);
      if (first === undefined) firstRecordOf.set(node, index);
      else sets.union(first, index);
    }
  });
  const bySize = sets.groups().sort((a, b) => b.length - a.length || a[0]! - b[0]!);
  const assigned: number[][] = Array.from({ length: lanes }, () => []);
  for (const group of bySize) {
    const emptiest = assigned.reduce((least, lane) => (lane.length < least.length ? lane : least));
    for (const index of group) emptiest.push(index);
  }
  return assigned.filter((lane) => lane.length > 0).map((lane) => lane.sort((a, b) => a - b).map((index) => records[index]!));
}
