import type { Logger } from 'pino';
import { decodeCursor, page } from '../investigation/cursor';
import type { AuditEvent, AuditPage, AuditQuery, AuditStore } from './auditEvent';

export interface AuditTrailOptions {
  /** Flush once this many events wait... */
  batchSize?: number;
  /** ...or this many milliseconds after the first one arrived. */
  flushIntervalMs?: number;
  /** While Neo4j is away events wait in memory, up to this many; the oldest are dropped past it (and counted). */
  maxBuffered?: number;
}

/** Cursors carry event times as epoch milliseconds; any number is read as an instant within years 0000-9999. */
const EARLIEST = Date.parse('0000-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');
const instantOf = (ms: number): string => new Date(Math.min(LATEST, Math.max(EARLIEST, Math.trunc(ms)))).toISOString();

/**
 * Records every request without making it wait: events are buffered in memory and
 * written in batches by one flush at a time, off the request path. A failed flush keeps
 * its events for the next attempt, so a short database outage loses nothing.
 */
export class AuditTrail {
  private buffer: AuditEvent[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  private readonly maxBuffered: number;
  dropped = 0;

  constructor(
    private readonly store: AuditStore,
    private readonly logger: Logger,
    options: AuditTrailOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.flushIntervalMs = options.flushIntervalMs ?? 1_000;
    this.maxBuffered = options.maxBuffered ?? 100_000;
  }

  record(event: AuditEvent): void {
    this.buffer.push(event);
    if (this.buffer.length > this.maxBuffered) this.dropped += this.buffer.splice(0, this.buffer.length - this.maxBuffered).length;
    if (this.buffer.length >= this.batchSize) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.flushIntervalMs);
      this.timer.unref();
    }
  }

  /** Writes everything buffered so far; resolves when it is stored (or the attempt failed and was logged). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.flushing) await this.flushing;
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.flushing = this.store
      .write(batch)
      .catch((error: unknown) => {
        this.buffer = [...batch, ...this.buffer];
        this.logger.warn({ err: error, events: batch.length }, 'audit events not stored yet; will retry');
        if (!this.timer) {
          this.timer = setTimeout(() => void this.flush(), this.flushIntervalMs * 5);
          this.timer.unref();
        }
      })
      .finally(() => (this.flushing = null));
    await this.flushing;
  }

  /** Newest first; flushes first so a reader sees the requests made just before. */
  async read(query: AuditQuery): Promise<AuditPage> {
    await this.flush();
    const position = decodeCursor(query.cursor);
    const after = position && typeof position.key === 'number' ? { at: instantOf(position.key), id: position.id } : null;
    const rows = await this.store.page(after, query.limit + 1);
    const { items, nextCursor } = page(rows, query.limit, (last) => ({ key: Date.parse(last.at), id: last.id }));
    return { events: items, nextCursor };
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
