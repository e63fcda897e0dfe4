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

export const encodeCursor = (position: Keyset): string => Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');

export function decodeCursor(raw: string | undefined): Keyset | null {
  if (raw === undefined) return null;
  try {
    return KeysetSchema.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
  } catch {
    throw new AppError(400, 'invalid_cursor', 'The cursor is not one this API issued; start again without a cursor', [
      { path: 'cursor', message: 'not a valid cursor' },
    ]);
  }
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
