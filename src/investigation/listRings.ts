import { decodeCursor, page, staleCursor } from './cursor';
import type { RingStore, RingSummaryRow } from './ports';
import type { Redactor } from './redaction';
import type { RingList, RingListQuery, Tool } from './schemas/ring';

/** The few tools a list shows per ring; the ring page has them all. */
export const LIST_TOOLS = 3;

export const redactTool = (tool: Tool, redactor: Redactor): Tool => (tool.kind === 'phone' ? { ...tool, id: redactor.phone(tool.id) } : tool);

/**
 * Suspected rings, highest score first (ties by id), one keyset page at a time. Only
 * suspected rings are stored, so the default list is exactly those above the threshold.
 */
export async function listRings(store: RingStore, redactor: Redactor, query: RingListQuery): Promise<RingList> {
  const after = decodeCursor(query.cursor);
  const rows = await store.listRings({ minScore: query.minScore ?? null, after, limit: query.limit + 1 });
  if (after?.scope && rows[0] && rows[0].runId !== after.scope) throw staleCursor();
  const { items, nextCursor } = page(rows, query.limit, (last: RingSummaryRow) => ({ key: last.score, id: last.id, scope: last.runId }));
  return {
    rings: items.map((row) => ({
      id: row.id,
      score: row.score,
      size: row.size,
      operated: row.operated,
      topSignals: row.topSignals,
      tools: row.tools.slice(0, LIST_TOOLS).map((t) => redactTool(t, redactor)),
      review: row.review && { ...row.review, note: redactor.text(row.review.note) },
    })),
    nextCursor,
  };
}
