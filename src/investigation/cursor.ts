import { z } from 'zod';
import { AppError } from '../errors';

/**
 * Keyset position: the sort key and id of the last item served, plus the scope the
 * order belongs to (the analysis run, for rings), so a cursor from an older run is
 * refused instead of silently skipping or repeating items.
 */
const KeysetSchema = z.strictObject({
  key: z.union([z.number(), z.string()]),
  id: z.string(),
  scope: z.string().optional(),
});
export type Keyset = z.infer<typeof KeysetSchema>;

/**
 * A cursor is `<key>~<id>[~<scope>]`: the numeric sort key as written by JavaScript, then
 * the id and the scope in base64url. Every string of this shape decodes to some position
 * (a foreign one finds a later page, or a 409 when its scope is stale), so the format can
 * be documented as a pattern that clients and API fuzzers can rely on.
 */
const PART = '[A-Za-z0-9_-]';
export const CURSOR_PATTERN = `^-?\\d{1,20}(?:\\.\\d{1,20})?(?:e[+-]?\\d{1,2})?~${PART}{0,1000}(?:~${PART}{0,100})?$`;
const CURSOR = new RegExp(CURSOR_PATTERN);

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const unb64 = (text: string) => Buffer.from(text, 'base64url').toString('utf8');

export function encodeCursor({ key, id, scope }: Keyset): string {
  if (typeof key !== 'number' || !Number.isFinite(key)) throw new Error('a cursor key must be a finite number');
  return `${String(key)}~${b64(id)}${scope === undefined ? '' : `~${b64(scope)}`}`;
}

export function decodeCursor(raw: string | undefined): Keyset | null {
  if (raw === undefined) return null;
  if (!CURSOR.test(raw)) {
    throw new AppError(400, 'invalid_cursor', 'The cursor is not one this API issued; start again without a cursor', [
      { path: 'cursor', message: 'not a valid cursor' },
    ]);
  }
  const [key, id, scope] = raw.split('~') as [string, string, string | undefined];
  return KeysetSchema.parse({ key: Number(key), id: unb64(id), ...(scope === undefined ? {} : { scope: unb64(scope) }) });
}

export const staleCursor = () =>
  new AppError(409, 'cursor_stale', 'A new analysis run replaced the rings since this cursor was issued; start again without a cursor', [
    { path: 'cursor', message: 'issued for an earlier analysis run' },
  ]);

/** Fetch one more than asked: its presence says whether there is a next page. */
export function page<T>(rows: T[], limit: number, positionOf: (last: T) => Keyset): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null };
}
