import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensurePrivateDir, writePrivateFileAtomic } from './private-files';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('private files', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'doppel-private-files-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it.skipIf(process.platform === 'win32')(
    'replaces a file an older Doppel left readable by all with one readable by this user only',
    () => {
      const file = join(work, 'settings.json');
      writeFileSync(file, '{"old": true}');
      chmodSync(file, 0o644);
      writePrivateFileAtomic(file, '{"new": true}');
      expect(readFileSync(file, 'utf8')).toBe('{"new": true}');
      expect(modeOf(file)).toBe(0o600);
      expect(readdirSync(work)).toEqual(['settings.json']); // no temporary file left
    },
  );

  it('leaves no temporary file behind when the rename fails, and says why', () => {
    const target = join(work, 'settings.json');
    mkdirSync(target); // a folder where the file should be: rename cannot replace it
    expect(() => writePrivateFileAtomic(target, '{}')).toThrow();
    expect(readdirSync(work)).toEqual(['settings.json']);
  });

  it.skipIf(process.platform === 'win32')('creates missing folders 0700 and tightens an open one', () => {
    const open = join(work, 'open');
    mkdirSync(open);
    chmodSync(open, 0o755);
    ensurePrivateDir(open);
    expect(modeOf(open)).toBe(0o700);
    ensurePrivateDir(join(work, 'a', 'b'));
    expect([modeOf(join(work, 'a')), modeOf(join(work, 'a', 'b'))]).toEqual([0o700, 0o700]);
  });
});
