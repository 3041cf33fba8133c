import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { executableKind, type ExecutableKind } from './executable-files';
import { isUnpacked } from './native-files';

const root = join(__dirname, '..', '..');
const build = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { build: { asarUnpack: string[] } }
).build;

/** Every package folder the installer ships: the production dependency tree, as npm resolved it. */
function productionPackageDirs(): string[] {
  const output = execFileSync('npm', ['ls', '--omit=dev', '--parseable', '--all'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return [...new Set(output.split('\n').filter((line) => line && line !== root))];
}

/** Files of one package, not descending into its own node_modules (those are packages of their own). */
function packageFiles(dir: string): string[] {
  const files: string[] = [];
  const visit = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  visit(dir);
  return files;
}

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
    for (const file of productionPackageDirs().flatMap(packageFiles))
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
    const sharpAddon = packageFiles(join(root, 'node_modules', '@img')).find((file) =>
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
