import { describe, expect, it } from 'vitest';
import { foreignPath } from '../../../shared/machines/machine-paths';
import { MachineScope } from './machine-scope';

const HOME = '1'.repeat(32);
const OTHER = '2'.repeat(32);
const THIRD = '3'.repeat(32);
const names = new Map([
  [HOME, 'Home'],
  [OTHER, 'Other'],
]);
const scopeOf = (self: string) => MachineScope.of(self, HOME, names, () => Promise.resolve(names));

describe('MachineScope', () => {
  it('keys the first computer’s paths as they are, and every other computer’s behind its prefix', () => {
    expect(scopeOf(HOME).toKey('/Users/anna/a.jpg')).toBe('/Users/anna/a.jpg');
    expect(scopeOf(OTHER).toKey('/Users/anna/a.jpg')).toBe(foreignPath(OTHER, '/Users/anna/a.jpg'));
  });

  it('names each computer’s photos by their plain paths there, and the others’ by computer and path', () => {
    for (const self of [HOME, OTHER, THIRD]) {
      const scope = scopeOf(self);
      for (const owner of [HOME, OTHER, THIRD]) {
        const path = 'C:\\Users\\anna\\a.jpg';
        const named = owner === self ? path : foreignPath(owner, path);
        const key = scopeOf(owner).toKey(path);
        expect(scope.toPath(key)).toBe(named);
        expect(scope.toKey(named)).toBe(key);
        expect(scope.ownerOf(named)).toBe(owner === self ? null : owner);
      }
    }
  });

  it('is plain paths both ways for one computer without an id (a store opened alone)', () => {
    const single = MachineScope.single();
    expect(single.toKey('/a.jpg')).toBe('/a.jpg');
    expect(single.toPath('/a.jpg')).toBe('/a.jpg');
    expect(single.isHome).toBe(true);
  });

  it('names every computer, asking again for one it has not met', async () => {
    let asked = 0;
    const later = new Map([...names, [THIRD, 'Third']]);
    const scope = MachineScope.of(HOME, HOME, names, () => Promise.resolve(later).finally(() => asked++));
    expect(await scope.nameOf(OTHER)).toBe('Other');
    expect(asked).toBe(0);
    expect(await scope.nameOf(THIRD)).toBe('Third');
    expect(asked).toBe(1);
  });
});
