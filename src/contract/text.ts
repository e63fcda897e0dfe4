import { z } from 'zod';

/**
 * Strings as Neo4j will store them. The driver sends strings as UTF-8, and a lone UTF-16
 * surrogate has no UTF-8 form: it is replaced by U+FFFD on the way, so "sur-\ud800" and
 * "sur-\udfff" would arrive as the same key and merge two borrowers. Such strings are
 * refused here instead.
 */
const LONE_SURROGATE = /\p{Cs}/u;
/** In a `u` regex a surrogate pair is one code point, so only an unpaired half is category Cs. */
export const isWellFormed = (value: string): boolean => !LONE_SURROGATE.test(value);

export const LONE_SURROGATE_MESSAGE = 'contains a lone UTF-16 surrogate, which cannot be stored as text (it would arrive as U+FFFD)';

/**
 * Characters an id must not hold, because a reader cannot see them or tell them from
 * others: controls (Cc), format characters such as zero-width spaces, joiners, BOM and
 * direction marks (Cf), private-use (Co) and unassigned (Cn) code points, line and
 * paragraph separators, and every space but U+0020 (a no-break space looks like a space).
 * Without this, `zw-b1` and `zw-b1\u200b` are two borrowers that print the same.
 */
const UNREADABLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]|(?! )\p{Zs}/u;

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The first unreadable character of an id, as `U+200B`, or null. */
export function firstUnreadable(id: string): string | null {
  const found = UNREADABLE.exec(id);
  return found ? codePoint(found[0]) : null;
}

export const MAX_ID_LENGTH = 200;

/**
 * An entity key (borrower, device, channel, ad source, complaint, call, voiceprint id).
 * Ids are keys that investigators read and type, so they are normalised before they are
 * compared or stored: trimmed, then Unicode NFC (a precomposed "é" and "e" + combining
 * acute are one id), and refused if they hold a character nobody can see. NFC, not NFKC:
 * compatibility folding would rewrite characters a source system may use on purpose
 * (full-width forms, ligatures, superscripts), which is a change of id, not of encoding.
 */
export const EntityId = z
  .string()
  .refine(isWellFormed, { message: LONE_SURROGATE_MESSAGE, abort: true })
  .trim()
  .normalize('NFC')
  .min(1, 'must not be empty')
  .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)
  .superRefine((id, ctx) => {
    const bad = firstUnreadable(id);
    if (bad) ctx.addIssue({ code: 'custom', message: `contains ${bad}, an invisible or control character; ids must be visible text` });
  });

/** Free text (names, labels, complaint texts): anything storable, up to a length. */
export const StoredText = (max: number) =>
  z.string().max(max, `must be at most ${max.toLocaleString('en')} characters`).refine(isWellFormed, LONE_SURROGATE_MESSAGE);

/** How much of a rejected value an error message quotes: enough to recognise it, never a megabyte. */
export const QUOTE_LIMIT = 40;

/** A value quoted in an error message, cut to QUOTE_LIMIT characters with its full length noted. */
export function quoteInput(raw: string): string {
  const chars = [...raw];
  if (chars.length <= QUOTE_LIMIT) return JSON.stringify(raw);
  return `${JSON.stringify(chars.slice(0, QUOTE_LIMIT).join(''))}… (${chars.length.toLocaleString('en')} characters)`;
}
