import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const readJson = (path: string) =>
  JSON.parse(readFileSync(join(root, path), 'utf8')) as { engines?: { node?: string } };
/** The README as one line of prose, so a sentence wrapped across lines still reads as one. */
const readme = readFileSync(join(root, 'README.md'), 'utf8').replace(/\s+/g, ' ');

/** "20.19" from ">=20.19", ">= 22.12.0": the major.minor a range starts at. */
function minimum(range: string | undefined): string {
  const match = /^>=\s*(\d+)\.(\d+)(?:\.\d+)?$/.exec(range?.trim() ?? '');
  if (!match) throw new Error(`not a plain minimum: ${range}`);
  return `${match[1]}.${match[2]}`;
}

describe('the Node versions the README promises', () => {
  it('names the Node the CLI and serve need, as package.json engines says', () => {
    const cli = minimum(readJson('package.json').engines?.node);
    expect(readme).toContain(`The CLI and \`serve\` run on Node ${cli} or later`);
  });

  it('names the Node the desktop app needs, as the installed Electron declares', () => {
    const desktop = minimum(readJson('node_modules/electron/package.json').engines?.node);
    expect(readme).toContain(`The desktop app needs Node ${desktop} or later`);
  });
});
