import type { IngestBatch } from './ingestBatch';
import type { IssueDetail } from './validationIssues';

/** The kinds that are events: one fact each, whose borrower, channel, phone, device or voice never changes. */
export type EventKind = 'complaints' | 'calls';
export const EVENT_KINDS: readonly EventKind[] = ['complaints', 'calls'];
export const isEventKind = (kind: string): kind is EventKind => (EVENT_KINDS as readonly string[]).includes(kind);

/** A stored event that disagrees with a record sent for it: `stored` holds the values already in the graph. */
export interface EventConflict {
  kind: EventKind;
  id: string;
  field: string;
  stored: string[];
}

const NOUN: Record<EventKind, string> = { complaints: 'complaint', calls: 'call' };

export const eventConflictMessage = (c: EventConflict, sent: unknown) =>
  `${NOUN[c.kind]} ${JSON.stringify(c.id)} is already stored with ${c.field} ${c.stored.map((v) => JSON.stringify(v)).join(', ')}; ` +
  `this record says ${JSON.stringify(sent)}. An event's ${c.field} cannot change: send it under its own id`;

/** One detail per conflict, at the batch's first record for that event. */
export function describeEventConflicts(batch: IngestBatch, conflicts: readonly EventConflict[]): IssueDetail[] {
  return conflicts.map((c) => {
    const records = (batch[c.kind] ?? []) as { id: string }[];
    const index = records.findIndex((r) => r.id === c.id);
    const sent = (records[index] as Record<string, unknown> | undefined)?.[c.field];
    return { path: `${c.kind}[${index}].${c.field}`, message: eventConflictMessage(c, sent) };
  });
}
