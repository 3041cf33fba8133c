import { describe, expect, it } from 'vitest';
import { initialPicks, togglePick } from './comparePicks';

const group = ['/keeper.jpg', '/b.jpg', '/c.jpg', '/d.jpg', '/e.jpg', '/f.jpg'];

describe('initialPicks', () => {
  it('takes the keeper and the next ones, up to four', () => {
    expect(initialPicks(group)).toEqual(['/keeper.jpg', '/b.jpg', '/c.jpg', '/d.jpg']);
    expect(initialPicks(group.slice(0, 2))).toEqual(['/keeper.jpg', '/b.jpg']);
  });

  it('puts the photo in focus second, where the flip shows it against the keeper', () => {
    expect(initialPicks(group, '/f.jpg')).toEqual(['/keeper.jpg', '/f.jpg', '/b.jpg', '/c.jpg']);
    expect(initialPicks(group, '/keeper.jpg')).toEqual(['/keeper.jpg', '/b.jpg', '/c.jpg', '/d.jpg']);
    expect(initialPicks(group, '/elsewhere.jpg')).toEqual(['/keeper.jpg', '/b.jpg', '/c.jpg', '/d.jpg']);
  });
});

describe('togglePick', () => {
  it('adds at the end and takes away, keeping two to four', () => {
    const two = ['/keeper.jpg', '/b.jpg'];
    expect(togglePick(group, two, '/e.jpg')).toEqual(['/keeper.jpg', '/b.jpg', '/e.jpg']);
    expect(togglePick(group, two, '/b.jpg')).toEqual(two);
    const four = initialPicks(group);
    expect(togglePick(group, four, '/f.jpg')).toEqual(four);
    expect(togglePick(group, four, '/keeper.jpg')).toEqual(['/b.jpg', '/c.jpg', '/d.jpg']);
    expect(togglePick(group, two, '/not-in-group.jpg')).toEqual(two);
  });
});
