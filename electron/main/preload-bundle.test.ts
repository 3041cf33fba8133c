import { build } from 'esbuild';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A sandboxed preload has a polyfilled `require` that loads `electron` and a few built-ins only, never a
 * relative file, so `build:node` bundles it. This builds it the same way and checks what it requires.
 */
describe('preload bundle', () => {
  it('requires nothing but electron and exposes only the bridge', async () => {
    const result = await build({
      entryPoints: [join(__dirname, 'preload.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1]);
    expect(required).toEqual(['electron']);
    expect(code).toContain('exposeInMainWorld');
    expect(code).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });
});
