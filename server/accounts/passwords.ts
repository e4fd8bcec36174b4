import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ZxcvbnFactory, type MatchExtended } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import { MAX_PASSWORD, MIN_PASSWORD } from '../../shared/api/limits.ts';

const PARAMS = { N: 16384, r: 8, p: 1 } as const;

/** Why a password is refused; `errors.password.<reason>` in app/i18n. */
export type PasswordWeakness = keyof typeof PASSWORD_MESSAGES;
const KEY_LENGTH = 64;

function derive(password: string, salt: Buffer, options: ScryptOptions, length: number) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(
      password.normalize('NFKC'),
      salt,
      length,
      { ...options, maxmem: 64 * 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash`, parameters stored so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS, KEY_LENGTH);
  return [
    'scrypt',
    PARAMS.N,
    PARAMS.r,
    PARAMS.p,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(
    password,
    Buffer.from(salt, 'base64'),
    { N: +n, r: +r, p: +p },
    expected.length,
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of nothing, verified when the email is unknown so both paths cost the same. */
export const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$' + Buffer.alloc(KEY_LENGTH).toString('base64');

export const MIN_PASSWORD_LENGTH = MIN_PASSWORD;
export const MAX_PASSWORD_LENGTH = MAX_PASSWORD;
/** From this length on a password is judged as a passphrase (see passwordWeakness). */
export const PASSPHRASE_LENGTH = 16;

export const PASSWORD_MESSAGES = {
  tooShort: `Password must be at least ${MIN_PASSWORD_LENGTH} characters long`,
  tooLong: `Password must be at most ${MAX_PASSWORD_LENGTH} characters long`,
  repetitive: 'Password is too repetitive',
  guessable: 'Password is too easy to guess; a short sentence of a few words works well',
  common: 'Password is a common password or word with small changes; add a few more words',
} as const;

let estimator: ZxcvbnFactory | null = null;

/**
 * zxcvbn with the common-password list (about 49,000 leaked passwords) and
 * the diceware word list, built on first use (about 100 ms) and kept. Only
 * the first 64 characters are analysed: it bounds the CPU an attacker can
 * spend per sign-up, and a password that long is judged by its start.
 */
function strengthEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    maxLength: 64,
  });
  return estimator;
}

/** zxcvbn's "safely unguessable" bar: about 10^8 guesses (score 3). */
const MIN_SCORE_SHORT = 3;
/** Below 10^6 guesses (score 0–1) even a long password is a walk, a repeat or a sequence. */
const MIN_SCORE_LONG = 2;
/** Letters zxcvbn could not explain that count as a word of their own. */
const MIN_UNKNOWN_LETTERS = 3;

const letters = (text: string) => text.match(/\p{L}/gu)?.length ?? 0;

/**
 * Whether the letters of a password are one known word (a dictionary word, a
 * common password, a keyboard walk, a repeat of a weak base) and everything
 * else is decoration: case, l33t, digits, symbols, a year, a repetition of
 * that same word.
 */
function isOneWordDecorated(sequence: MatchExtended[]): boolean {
  const words = new Set<string>();
  for (const match of sequence) {
    if (!letters(match.token)) continue;
    switch (match.pattern) {
      case 'dictionary':
        words.add(String(match.matchedWord).toLowerCase());
        break;
      case 'repeat':
        // A repeat of something strong (a random chunk) is strong content.
        if (Number(match.baseGuesses) >= 1e8) return false;
        words.add(String(match.baseToken).toLowerCase());
        break;
      case 'spatial':
      case 'sequence':
        words.add(match.token.toLowerCase());
        break;
      default:
        // Letters zxcvbn found no pattern in: other words, unless a stray letter or two.
        if (letters(match.token) >= MIN_UNKNOWN_LETTERS) return false;
    }
  }
  return words.size <= 1;
}

/**
 * Returns why a password is too weak, or null. Length first (NIST SP 800-63B):
 * no composition rules, at least 10 characters, and a check against the
 * common-password list through zxcvbn. A password shorter than 16 characters
 * must be hard to guess (zxcvbn score 3, about 10^8 guesses). A longer one is
 * a passphrase: it is refused only when it is one common password or word
 * with trivial changes (`Password123456789!`, `passwordpassword`), or a
 * keyboard walk or sequence; a few ordinary words together are accepted.
 * `context` holds words the password must not lean on (the user's name and
 * email), judged like the common list.
 */
export function passwordWeaknessReason(
  password: string,
  context: string[] = [],
): PasswordWeakness | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (password.length > MAX_PASSWORD_LENGTH) return 'tooLong';
  if (new Set(password).size < 4) return 'repetitive';
  const { score, sequence } = strengthEstimator().check(password, contextWords(context));
  if (password.length < PASSPHRASE_LENGTH) {
    return score < MIN_SCORE_SHORT ? 'guessable' : null;
  }
  if (score < MIN_SCORE_LONG) return 'guessable';
  return isOneWordDecorated(sequence) ? 'common' : null;
}

/** The English sentence for passwordWeaknessReason, or null. */
export function passwordWeakness(password: string, context: string[] = []): string | null {
  const reason = passwordWeaknessReason(password, context);
  return reason ? PASSWORD_MESSAGES[reason] : null;
}

/**
 * "Grace Hopper", "grace.hopper@navy.mil" → gracehopper, grace, hopper,
 * navy, mil (and montage): whole names as well as their parts, so that the
 * full name counts as one word.
 */
function contextWords(context: string[]): string[] {
  const words = context.flatMap((text) => {
    const [local = '', domain = ''] = text.toLowerCase().split('@');
    const parts = (value: string) => value.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    return [parts(local).join(''), ...parts(local), ...parts(domain)];
  });
  return [...new Set(['montage', ...words.filter((word) => word.length >= 3)])];
}
