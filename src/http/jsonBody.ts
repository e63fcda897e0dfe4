import express, { type RequestHandler } from 'express';
import { AppError } from '../errors';

/** The HTTP API's body limit; larger data sets go through the streaming bulk loader. */
export const MAX_BODY = '16mb';

const announcesBody = (headers: Record<string, string | string[] | undefined>): boolean =>
  headers['transfer-encoding'] !== undefined || (headers['content-length'] !== undefined && headers['content-length'] !== '0');

/**
 * A route's JSON body, parsed only after the route's role check has passed, so a key
 * that may not call the route never makes the server read (or 413 on) its body. A body
 * in another media type is a 415 that says which type to send, rather than a body the
 * parser skipped and a schema error about `undefined`; a missing body where one is
 * required is a 400 that says so, rather than an empty object that validates.
 */
export function jsonBody({ required }: { required: boolean }): RequestHandler[] {
  const checkType: RequestHandler = (req, _res, next) => {
    if (!announcesBody(req.headers)) {
      if (required) return next(new AppError(400, 'body_required', 'This request needs a JSON body (Content-Type: application/json)'));
      return next();
    }
    if (!req.is(['application/json', '+json'])) {
      return next(
        new AppError(415, 'unsupported_media_type', `The body must be JSON, sent with Content-Type: application/json (got ${JSON.stringify(req.get('content-type') ?? 'none')})`),
      );
    }
    next();
  };
  const parse = express.json({ limit: MAX_BODY, type: () => true });
  const present: RequestHandler = (req, _res, next) => {
    if (required && req.body === undefined) return next(new AppError(400, 'body_required', 'This request needs a JSON body'));
    next();
  };
  return [checkType, parse, present];
}
