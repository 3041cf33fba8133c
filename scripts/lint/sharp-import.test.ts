import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
const RULE = '@typescript-eslint/no-restricted-imports';

async function sharpImportErrors(path: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  return result!.messages.filter((message) => message.ruleId === RULE).length;
}

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

// A decode through sharp's own default export would bring back libvips' decode cache, keyed by the
// /proc/self/fd/N names photos are read through (a photo once got the previous photo's pixels that way).
describe('sharp comes from image/uncached-sharp only', () => {
  it('refuses a direct import of sharp in engine code', async () => {
    const code = "import sharp from 'sharp';\nexport const thumbnail = sharp;\n";
    expect(await sharpImportErrors('electron/engine/thumbnails/example.ts', code)).toBe(1);
  });

  it('allows the setup module itself, type imports, and tests', async () => {
    const code = "import sharp from 'sharp';\nexport const s = sharp;\n";
    expect(await sharpImportErrors('electron/engine/image/uncached-sharp.ts', code)).toBe(0);
    expect(await sharpImportErrors('electron/engine/image/example.test.ts', code)).toBe(0);
    const typeOnly = "import type { Sharp } from 'sharp';\nexport type Image = Sharp;\n";
    expect(await sharpImportErrors('electron/engine/image/example.ts', typeOnly)).toBe(0);
  });
});
