import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directives } from '../serve/testing/csp-directives';
import { appAssetHeaders, APP_CSP, resolveAppAsset } from './app-assets';

const root = mkdtempSync(join(tmpdir(), 'doppel-app-assets-'));

describe('resolveAppAsset', () => {
  it('serves index.html for the root and files under the renderer folder', () => {
    expect(resolveAppAsset(root, 'doppel-app://app/')).toEqual({
      file: join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppAsset(root, 'doppel-app://app/assets/index-abc.js')?.file).toBe(
      join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppAsset(root, 'doppel-app://app/index.html?x=1#/duplicates')?.file).toBe(
      join(root, 'index.html'),
    );
  });

  it.each([
    'doppel-app://app/../secret.txt',
    'doppel-app://app/%2e%2e/secret.txt',
    'doppel-app://app/assets/%2E%2E/%2E%2E/etc/passwd',
  ])('keeps %s inside the renderer folder (URL parsing folds the dots)', (url) => {
    const asset = resolveAppAsset(root, url);
    expect(asset === null || asset.file.startsWith(root + sep)).toBe(true);
  });

  it.each([
    'doppel-app://app/..%2fsecret.txt',
    'doppel-app://app/assets%2f..%2f..%2fsecret.txt',
    'doppel-app://app/..%5csecret.txt',
    'doppel-app://app/%00index.html',
    'doppel-app://app/%E0%A4%A',
    'doppel-app://other/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });

  it('sends the CSP with every asset and forbids sniffing', () => {
    const headers = appAssetHeaders({
      file: join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(headers['Content-Security-Policy']).toBe(APP_CSP);
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).toContain('img-src');
    expect(APP_CSP).toContain('doppel-media:');
    expect(APP_CSP).not.toContain('unsafe-eval');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it('lets no injected <base> or <form> send the page or its data elsewhere', () => {
    // Neither falls back to default-src: without them a <base href> re-points relative URLs and a form
    // posts anywhere. The UI's forms are handled in script, so they need no target at all.
    expect(directives(APP_CSP).get('base-uri')).toEqual(["'none'"]);
    expect(directives(APP_CSP).get('form-action')).toEqual(["'none'"]);
  });

  it('puts the same limits in the page itself (the meta policy applies in the desktop app and serve)', () => {
    const html = readFileSync(join(__dirname, '..', '..', 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const policy = directives(meta!);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
  });
});
