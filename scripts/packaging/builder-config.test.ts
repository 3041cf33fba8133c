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

  it('flips the Electron fuses that turn the app binary into a general-purpose Node', () => {
    // electron-builder writes these into the Electron binary it packs (@electron/fuses), then signs it.
    expect(build.electronFuses).toEqual({
      // ELECTRON_RUN_AS_NODE, NODE_OPTIONS and --inspect would let anyone run code as the signed app.
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      // Only our app.asar, and only as electron-builder hashed it (macOS and Windows check the hash).
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // Cookie encryption is left off on purpose: the app keeps no cookies (its pages come from a custom
      // scheme, the engine token travels in a header), and turning it on makes macOS ask for keychain access.
    });
  });

  it('does not rely on ELECTRON_RUN_AS_NODE: the engine runs in a utility process', () => {
    const engineProcess = readFileSync(join(root, 'electron', 'main', 'engine-process.ts'), 'utf8');
    expect(engineProcess).toContain('utilityProcess.fork(');
    for (const file of ['electron/main/main.ts', 'electron/main/engine-process.ts'])
      expect(readFileSync(join(root, file), 'utf8')).not.toMatch(/ELECTRON_RUN_AS_NODE|child_process/);
  });
});
