import { z } from 'zod';
import { keyedIssueParams } from './api/field-errors.ts';

/**
 * The one rule for text that enters Montage (API bodies, forms, the live
 * document at commit). NUL cannot be stored by PostgreSQL at all (22021), and
 * other control characters and bidirectional overrides have no business in a
 * name, a title or a narration: they hide or reorder what a reader sees
 * (“Trojan Source”). Refusing them at the schema gives a 422 naming the field
 * instead of a 500 from the database.
 */

/** Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/** C0 controls except tab, line feed and carriage return; DEL; C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_EXCEPT_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Tab, line feed, carriage return and the Unicode line and paragraph separators. */
const LINE_BREAK_OR_TAB = /[\t\n\r\u2028\u2029]/;

export type TextKind = 'single-line' | 'multi-line';

export interface UnsafeCharacter {
  /** 'control', 'bidi' or 'line-break' */
  kind: 'control' | 'bidi' | 'line-break';
  /** e.g. "U+0000" */
  codePoint: string;
  /** 1-based position of the character in the text (in UTF-16 code units, as the editor counts). */
  position: number;
}

const codePointName = (char: string) =>
  `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The first character a text of this kind may not hold, or null when it is clean (pure). */
export function findUnsafeCharacter(text: string, kind: TextKind): UnsafeCharacter | null {
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const found: UnsafeCharacter['kind'] | null =
      kind === 'single-line' && LINE_BREAK_OR_TAB.test(char)
        ? 'line-break'
        : CONTROL_EXCEPT_BREAKS.test(char)
          ? 'control'
          : BIDI_CONTROL.test(char)
            ? 'bidi'
            : null;
    if (found) return { kind: found, codePoint: codePointName(char), position: i + 1 };
  }
  return null;
}

const KIND_WORDS: Record<UnsafeCharacter['kind'], string> = {
  control: 'a control character',
  bidi: 'a bidirectional override character',
  'line-break': 'a line break or tab',
};

/** "contains a control character (U+0000) at position 3" */
export function unsafeCharacterMessage(found: UnsafeCharacter): string {
  return `contains ${KIND_WORDS[found.kind]} (${found.codePoint}) at position ${found.position}`;
}

/** True when the text holds a NUL anywhere (the one character PostgreSQL text cannot store). */
export const hasNul = (text: string) => text.includes('\u0000');

const refine = (kind: TextKind) => (value: string, ctx: z.RefinementCtx) => {
  const found = findUnsafeCharacter(value, kind);
  if (!found) return;
  ctx.addIssue({
    code: 'custom',
    message: unsafeCharacterMessage(found),
    params: keyedIssueParams(`errors.unsafe.${found.kind}`, {
      codePoint: found.codePoint,
      position: found.position,
    }),
  });
};

/**
 * A one-line text (names, titles, e-mails, commit messages, voice ids): no
 * control characters, no line breaks or tabs, no bidi overrides. Pass the
 * string schema to refine (`singleLineText(z.string().trim().max(200))`).
 */
export function singleLineText<S extends z.ZodType<string, string>>(schema: S): S;
export function singleLineText(): z.ZodString;
export function singleLineText(schema: z.ZodType<string, string> = z.string()) {
  return schema.superRefine(refine('single-line'));
}

/** A text that may span lines (narration, prompts, descriptions, scripts): \n, \r and \t allowed. */
export function multiLineText<S extends z.ZodType<string, string>>(schema: S): S;
export function multiLineText(): z.ZodString;
export function multiLineText(schema: z.ZodType<string, string> = z.string()) {
  return schema.superRefine(refine('multi-line'));
}

/**
 * Every string in a JSON value that holds a NUL, with its path (the
 * server-wide backstop behind the schemas: nothing with a NUL may reach the
 * database, even through a field a schema forgot). Keys are checked too.
 */
export function nulPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return hasNul(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => nulPaths(item, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      hasNul(key) ? [[...path, key]] : nulPaths(item, [...path, key]),
    );
  }
  return [];
}

/**
 * The text with every character its kind refuses removed (for values that
 * must be stored whatever a client wrote, such as the live document's title
 * mirrored into the project list).
 */
export function withoutUnsafeCharacters(text: string, kind: TextKind): string {
  let out = '';
  for (const char of text) {
    if (!findUnsafeCharacter(char, kind)) out += char;
  }
  return out;
}
