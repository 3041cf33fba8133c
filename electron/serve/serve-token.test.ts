import { describe, expect, it } from 'vitest';
import { loginTokenProblem, newLoginToken, tokensMatch } from './serve-token';

describe('login token', () => {
  it('refuses an empty, short or link-unsafe fixed token, in one sentence that names the variable', () => {
    expect(loginTokenProblem('', 'DOPPEL_SERVE_TOKEN')).toMatch(
      /^DOPPEL_SERVE_TOKEN is empty: .*at least 32/,
    );
    expect(loginTokenProblem('a'.repeat(31), 'DOPPEL_SERVE_TOKEN')).toMatch(/too short .*31 characters/);
    expect(loginTokenProblem(`${'a'.repeat(32)};x=1`, 'DOPPEL_SERVE_TOKEN')).toMatch(/only letters, digits/);
    expect(loginTokenProblem('é'.repeat(32), 'DOPPEL_SERVE_TOKEN')).toMatch(/only letters, digits/);
    expect(loginTokenProblem('a'.repeat(32), 'DOPPEL_SERVE_TOKEN')).toBeNull();
    expect(loginTokenProblem(newLoginToken(), 'DOPPEL_SERVE_TOKEN')).toBeNull();
  });

  it('compares tokens of any byte length without throwing', () => {
    const token = newLoginToken();
    expect(tokensMatch(token, token)).toBe(true);
    expect(tokensMatch(token.toUpperCase(), token)).toBe(false);
    // The same length in characters, twice the bytes: timingSafeEqual on the raw strings throws here.
    expect(tokensMatch('é'.repeat(token.length), token)).toBe(false);
    expect(tokensMatch('', token)).toBe(false);
  });
});
