import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const readJson = (path: string) =>
  JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, unknown>;

/**
 * electron-builder cannot run here (it downloads Electron), so the config is checked against the JSON schema
 * electron-builder itself validates with (app-builder-lib/scheme.json), and for the targets the issue asks.
 */
describe('electron-builder configuration', () => {
  const build = readJson('package.json').build as Record<
    string,
    { target?: string[] } & Record<string, unknown>
  >;

  it('is valid for electron-builder', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(
      readJson('node_modules/app-builder-lib/scheme.json'),
    );
    const valid = validate(build);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('builds AppImage and deb, dmg, and nsis, and starts the packaged main', () => {
    expect(build.linux!.target).toEqual(['AppImage', 'deb']);
    expect(build.mac!.target).toEqual(['dmg']);
    expect(build.win!.target).toEqual(['nsis']);
    expect(readJson('package.json').main).toBe('dist/electron/main/main.js');
    expect(build.files).toEqual(expect.arrayContaining(['dist/**/*', 'package.json']));
  });
});
