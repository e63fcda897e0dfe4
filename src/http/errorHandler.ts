import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, databaseUnavailable } from '../errors';
import { isUnavailable } from '../neo4j/graphDatabase';

interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

const body = (e: AppError): ErrorBody => ({ error: { code: e.code, message: e.message, details: e.details } });

/** body-parser's own failures, turned into the API's error shape. */
function fromBodyParser(error: { type?: string; limit?: number }): AppError | null {
  if (error.type === 'entity.too.large') {
    return new AppError(
      413,
      'payload_too_large',
      `The request body exceeds the ${Math.round((error.limit ?? 0) / 1048576)} MiB limit of the HTTP API; load large data sets with the bulk loader: npm run load -- <file or folder>`,
    );
  }
  if (error.type === 'entity.parse.failed') return new AppError(400, 'invalid_json', 'The request body is not valid JSON');
  return null;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    let appError: AppError;
    if (error instanceof AppError) appError = error;
    else if (isUnavailable(error)) appError = databaseUnavailable();
    else {
      const parsed = fromBodyParser(error);
      if (parsed) appError = parsed;
      else {
        logger.error({ err: error }, 'unhandled error');
        appError = new AppError(500, 'internal_error', 'Something went wrong on our side; the error was logged.');
      }
    }
    res.status(appError.status).json(body(appError));
  };
}

export const notFound: RequestHandler = (req, _res, next) =>
  next(new AppError(404, 'not_found', `No route ${req.method} ${req.path}`));
