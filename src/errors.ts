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
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const invalidInput = (message: string, details: IssueDetail[]) => new AppError(400, 'invalid_input', message, details);
export const unknownReference = (details: IssueDetail[]) =>
  new AppError(400, 'unknown_reference', `${details.length} referenced ${details.length === 1 ? 'entity does' : 'entities do'} not exist`, details);
export const databaseUnavailable = () =>
  new AppError(503, 'database_unavailable', 'Neo4j cannot be reached right now; the request was not processed. Try again shortly.');
