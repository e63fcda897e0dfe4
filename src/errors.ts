import type { IssueDetail } from './contract/validationIssues';

/**
 * The one error type that crosses layers: it knows its HTTP status and a stable code,
 * and carries the details a client needs to fix its request.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: IssueDetail[] = [],
    /** Sent as Retry-After: when a client may try again (503, 429). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const invalidInput = (message: string, details: IssueDetail[]) => new AppError(400, 'invalid_input', message, details);
/** `total` counts every missing entity; `details` may be capped (see capIssues), and the message says so. */
export const unknownReference = (details: IssueDetail[], total: number = details.length) =>
  new AppError(
    400,
    'unknown_reference',
    `${total.toLocaleString('en')} referenced ${total === 1 ? 'entity does' : 'entities do'} not exist${total > details.length ? ` (showing the first ${details.length})` : ''}`,
    details,
  );
export const conflictingDuplicates = (details: IssueDetail[], total: number = details.length) =>
  new AppError(
    400,
    'conflicting_duplicates',
    `${total.toLocaleString('en')} record${total === 1 ? ' repeats' : 's repeat'} the key of an earlier record in the batch with different fields${total > details.length ? ` (showing the first ${details.length})` : ''}`,
    details,
  );
export const conflictingEvents = (details: IssueDetail[], total: number = details.length) =>
  new AppError(
    409,
    'conflicting_event',
    `${total.toLocaleString('en')} event${total === 1 ? ' is' : 's are'} already stored for another borrower, channel, phone, device or voice; nothing was written${total > details.length ? ` (showing the first ${details.length})` : ''}`,
    details,
  );
/** Retry-After for an outage: a restarting Neo4j takes seconds, not milliseconds, to come back. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;
/** Retry-After for a contended database: the transactions ahead of this one finish within seconds. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

export const databaseUnavailable = () =>
  new AppError(503, 'database_unavailable', 'Neo4j cannot be reached right now; the request was not processed. Try again shortly.', [], UNAVAILABLE_RETRY_AFTER_SECONDS);
export const databaseBusy = () =>
  new AppError(
    503,
    'database_busy',
    'Neo4j is busy with overlapping writes (deadlocks or lock waits outlasted the retry budget); nothing of this request was written. Try again shortly.',
    [],
    BUSY_RETRY_AFTER_SECONDS,
  );
