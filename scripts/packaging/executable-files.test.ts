import { lstatSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { executableKind, type ExecutableKind } from './executable-files';
import { isUnpacked } from './native-files';
import { packageFiles, productionPackageDirs } from './testing/production-packages';

const root = join(__dirname, '..', '..');
const build = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { build: { asarUnpack: string[] } }
).build;

/** The regular files of one package: the ones kindOf can open and read (no links, no devices). */
const regularFiles = (dir: string) => packageFiles(dir).filter((file) => lstatSync(file).isFile());

async function kindOf(path: string): Promise<ExecutableKind | null> {
  const handle = await open(path, 'r');
  try {
    return await executableKind(async (offset, length) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      return buffer.subarray(0, bytesRead);
    });
  } finally {
    await handle.close();
  }
}

const relativePath = (file: string) => relative(root, file).split(sep).join('/');

describe('programs the production dependencies run', () => {
  let programs: string[];
  beforeAll(async () => {
    programs = [];
    for (const file of productionPackageDirs(root).flatMap(regularFiles))
      if ((await kindOf(file)) === 'program') programs.push(relativePath(file));
  }, 120_000);

  it('finds the trash helpers serve and the CLI start on macOS and Windows', () => {
    expect(programs).toEqual(
      expect.arrayContaining([
        'node_modules/trash/lib/macos-trash',
        'node_modules/trash/lib/windows-trash.exe',
      ]),
    );
  });

  it('unpacks every one of them from the asar (the OS cannot execute a file inside an archive)', () => {
    expect(programs.length).toBeGreaterThan(0);
    expect(programs.filter((path) => !isUnpacked(path, build.asarUnpack))).toEqual([]);
  });
});

describe('executableKind', () => {
  const inModules = (path: string) => join(root, 'node_modules', path);

  it('tells programs from libraries by their headers (Mach-O universal, PE, ELF)', async () => {
    expect(await kindOf(inModules('trash/lib/macos-trash'))).toBe('program');
    expect(await kindOf(inModules('trash/lib/windows-trash.exe'))).toBe('program');
    expect(await kindOf(process.execPath)).toBe('program'); // node itself
    const sharpAddon = regularFiles(join(root, 'node_modules', '@img')).find((file) =>
      file.endsWith('.node'),
    );
    expect(sharpAddon).toBeDefined();
    expect(await kindOf(sharpAddon!)).toBe('library');
  });

  it('ignores scripts and data, and Java classes that share the universal binary magic', async () => {
    expect(await kindOf(inModules('trash/index.js'))).toBeNull();
    const javaClass = Buffer.from('cafebabe00000034', 'hex');
    expect(
      await executableKind(async (offset, length) => javaClass.subarray(offset, offset + length)),
    ).toBeNull();
  });
});
