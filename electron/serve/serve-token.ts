import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const MIN_TOKEN_LENGTH = 32;

/** Letters, digits and `-_.~`: safe unescaped in the printed link's query string and in a cookie. */
const TOKEN_CHARACTERS = /^[A-Za-z0-9._~-]+$/;

/** A new login token per run: 128 random bits as 32 hex digits. */
export function newLoginToken(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Why a fixed token (from `variable`) cannot guard the server, or null when it can. An empty one would
 * let anyone in (an empty cookie matched it) and a short one can be guessed.
 */
export function loginTokenProblem(token: string, variable: string): string | null {
  const unset = 'or unset it for a new random token each run';
  if (token.length === 0)
    return `${variable} is empty: set it to at least ${MIN_TOKEN_LENGTH} characters, ${unset}.`;
  if (token.length < MIN_TOKEN_LENGTH)
    return `${variable} is too short to be safe (${token.length} characters): use at least ${MIN_TOKEN_LENGTH}, ${unset}.`;
  if (!TOKEN_CHARACTERS.test(token))
    return `${variable} may hold only letters, digits, '-', '_', '.' and '~' (it goes into a link and a cookie), ${unset}.`;
  return null;
}

/**
 * Constant-time comparison of what a request offered with the token. Digests first: both sides are then
 * 32 bytes whatever was sent (timingSafeEqual throws on unequal lengths, and a multi-byte character of the
 * right length in characters is longer in bytes), and nothing about the token's length leaks.
 */
export function tokensMatch(offered: string, token: string): boolean {
  return timingSafeEqual(sha256(offered), sha256(token));
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
