import { describe, expect, it } from 'vitest';
import {
  foreignPath,
  isMachineId,
  livesElsewhereSentence,
  parseForeignPath,
  pathOnItsMachine,
} from './machine-paths';

const ID = '0123456789abcdef0123456789abcdef';

describe('machine paths', () => {
  it('names another computer’s photo by its id and its own path, and reads both back', () => {
    for (const path of ['/Users/anna/Pictures/a.jpg', 'C:\\Users\\anna\\a.jpg', '\\\\nas\\photos\\a:b.jpg']) {
      const named = foreignPath(ID, path);
      expect(named).not.toBe(path);
      expect(parseForeignPath(named)).toEqual({ machineId: ID, path });
      expect(pathOnItsMachine(named)).toBe(path);
    }
  });

  it('never takes a plain path, or a look-alike, for another computer’s', () => {
    for (const path of [
      '/Users/anna/a.jpg',
      'C:\\a.jpg',
      'doppel-machine:',
      `doppel-machine:${ID}`,
      `doppel-machine:${ID.toUpperCase()}:/a.jpg`,
      `doppel-machine:${ID.slice(1)}:/a.jpg`,
      `/doppel-machine:${ID}:/a.jpg`,
    ]) {
      expect(parseForeignPath(path)).toBeNull();
      expect(pathOnItsMachine(path)).toBe(path);
    }
  });

  it('accepts only real machine ids', () => {
    expect(isMachineId(ID)).toBe(true);
    expect(isMachineId('x'.repeat(32))).toBe(false);
    expect(() => foreignPath('../etc', '/a.jpg')).toThrow(/not a machine id/);
  });

  it('says where the file lives in one sentence', () => {
    expect(livesElsewhereSentence('Anna’s MacBook', 'move it to the Trash')).toBe(
      'This photo lives on Anna’s MacBook; open Doppel there to move it to the Trash.',
    );
  });
});
