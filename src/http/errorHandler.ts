import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, databaseBusy, databaseUnavailable } from '../errors';
import { isBusy, isUnavailable } from '../neo4j/graphDatabase';

interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

export const errorBody = (e: AppError): ErrorBody => ({ error: { code: e.code, message: e.message, details: e.details } });

/** body-parser's and the router's own failures, turned into the API's error shape. */
function fromHttpLayer(error: { type?: string; limit?: number; status?: number; expose?: boolean; charset?: string }): AppError | null {
  switch (error.type) {
    case 'entity.too.large':
      return new AppError(
        413,
        'payload_too_large',
        `The request body exceeds the ${Math.round((error.limit ?? 0) / 1048576)} MiB limit of the HTTP API; load large data sets with the bulk loader: npm run load -- <file or folder>`,
      );
    case 'entity.parse.failed':
      return new AppError(400, 'invalid_json', 'The request body is not valid JSON');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new AppError(415, 'unsupported_media_type', 'Send the body as UTF-8 JSON, uncompressed or gzip/deflate-encoded');
    case 'request.aborted':
    case 'request.size.invalid':
      return new AppError(400, 'incomplete_body', 'The request body ended before its announced length');
  }
  // The router cannot percent-decode a path parameter (`%`, `%ZZ`, `%FF`, a cut-off `%E0%A4%A`).
  if (error instanceof URIError) {
    return new AppError(400, 'invalid_path', 'The URL path is not valid percent-encoded UTF-8', [
      { path: 'params', message: 'encode each path segment with encodeURIComponent (a literal % is %25)' },
    ]);
  }
  // Any other client error an express layer raised on purpose: keep its status, not a 500.
  if (typeof error.status === 'number' && error.status >= 400 && error.status < 500 && error.expose) {
    return new AppError(error.status, 'bad_request', 'The request could not be read');
  }
  return null;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    let appError: AppError;
    if (error instanceof AppError) appError = error;
    else if (isUnavailable(error)) appError = databaseUnavailable();
    else if (isBusy(error)) {
      logger.warn({ err: error }, 'database busy after retries');
      appError = databaseBusy();
    } else {
      const parsed = fromHttpLayer(error);
      if (parsed) appError = parsed;
      else {
        logger.error({ err: error }, 'unhandled error');
        appError = new AppError(500, 'internal_error', 'Something went wrong on our side; the error was logged.');
      }
    }
    if (appError.retryAfterSeconds !== undefined) res.set('Retry-After', String(appError.retryAfterSeconds));
    res.status(appError.status).json(errorBody(appError));
  };
}

/** The path is quoted only in part: it is the client's own input, and may be 16 KiB long. */
export const notFound: RequestHandler = (req, _res, next) =>
  next(new AppError(404, 'not_found', `No route ${req.method} ${req.path.length > 100 ? `${req.path.slice(0, 100)}…` : req.path}`));

/**
 * Node's HTTP parser refuses some requests before express sees them (a URL or headers
 * over 16 KiB: 431; a malformed request line: 400) and by default answers with a status
 * line and no body. This answers in the API's error shape instead.
 */
export function answerClientError(error: Error & { code?: string }, socket: import('node:stream').Duplex): void {
  if (!socket.writable) return void socket.destroy();
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const appError = tooLarge
    ? new AppError(431, 'headers_too_large', 'The URL and headers together exceed 16 KiB; shorten the URL (pass long values in a POST body)')
    : new AppError(400, 'bad_request', 'The request could not be parsed as HTTP/1.1');
  const body = JSON.stringify(errorBody(appError));
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
