import { describe, expect, it } from 'vitest';
import { isAppUrl, isTrustedSender } from './ipc-guard';

const ours = {
  fromOurWebContents: true,
  isMainFrame: true,
  frameUrl: 'doppel-app://app/index.html#/library',
};

describe('isTrustedSender', () => {
  it('answers our window’s top frame on our own page', () => {
    expect(isTrustedSender(ours)).toBe(true);
  });

  it('drops other windows, iframes, gone frames and foreign pages', () => {
    expect(isTrustedSender({ ...ours, fromOurWebContents: false })).toBe(false);
    expect(isTrustedSender({ ...ours, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: null })).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: 'https://example.com/' })).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: 'doppel-app://app.evil.com/index.html' })).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: 'doppel-app://appx/' })).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: 'file:///tmp/doppel-app://app/' })).toBe(false);
  });
});

describe('isAppUrl', () => {
  it('keeps navigation on our pages', () => {
    expect(isAppUrl('doppel-app://app/index.html#/search')).toBe(true);
    expect(isAppUrl('https://doppel-app.example/')).toBe(false);
    expect(isAppUrl('javascript:alert(1)')).toBe(false);
  });
});
