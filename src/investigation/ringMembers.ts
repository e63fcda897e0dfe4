import { AppError } from '../errors';
import { decodeCursor, page } from './cursor';
import { memberView } from './memberView';
import type { RingStore } from './ports';
import type { Redactor } from './redaction';
import type { PageQuery } from './schemas/common';
import type { Member } from './schemas/ring';

export const unknownRing = (id: string) => new AppError(404, 'not_found', `No ring "${id}" in the current analysis run`);

/** A ring's members, strongest tie first (ties by borrower id), one keyset page at a time. */
export async function ringMembers(store: RingStore, redactor: Redactor, ringId: string, query: PageQuery): Promise<{ members: Member[]; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor);
  const rows = await store.memberPage(ringId, after, query.limit + 1);
  if (rows === null) throw unknownRing(ringId);
  const { items, nextCursor } = page(rows, query.limit, (last) => ({ key: last.weight, id: last.borrowerId }));
  return { members: items.map((m) => memberView(m, redactor)), nextCursor };
}

/** Fails with 404 unless the ring is in the current run: one light query, for pages that fetch the ring's data themselves. */
export async function requireRing(store: RingStore, ringId: string): Promise<void> {
  if (!(await store.ringVersion(ringId))) throw unknownRing(ringId);
}
