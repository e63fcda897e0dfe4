import { decodeCursor, page, staleCursor } from './cursor';
import type { RingStore, RingSummaryRow } from './ports';
import { redactTool, type Redactor } from './redaction';
import type { RingList, RingListQuery } from './schemas/ring';

/** The few tools a list shows per ring; the ring page has them all. */
export const LIST_TOOLS = 3;

/**
 * Rings of one kind, highest score first (ties by id), one keyset page at a time. The
 * default kind is the suspected gangs; shared-operator clusters are listed apart.
 */
export async function listRings(store: RingStore, redactor: Redactor, query: RingListQuery): Promise<RingList> {
  const after = decodeCursor(query.cursor);
  const rows = await store.listRings({ kind: query.kind, minScore: query.minScore ?? null, after, limit: query.limit + 1, toolsPerRing: LIST_TOOLS });
  if (after?.scope && rows[0] && rows[0].ring.runId !== after.scope) throw staleCursor();
  const { items, nextCursor } = page(rows, query.limit, (last: RingSummaryRow) => ({ key: last.ring.score, id: last.ring.id, scope: last.ring.runId }));
  return {
    rings: items.map(({ ring: { runId: _run, ...ring }, tools, review }) => ({
      ...ring,
      tools: tools.slice(0, LIST_TOOLS).map((t) => redactTool(t, redactor)),
      review: review && { ...review, note: redactor.freeText(review.note) ?? '' },
    })),
    nextCursor,
  };
}
