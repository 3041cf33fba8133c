import { describe, expect, it } from 'vitest';
import type { DuplicateGroup } from '../../shared/contract/entities';
import { formatDuplicateGroups } from './cli-format';

const group = (kind: DuplicateGroup['kind'], keeper: string, reclaimableBytes: number): DuplicateGroup => ({
  kind,
  keeper,
  items: [
    { path: keeper, distance: 0 },
    { path: `${keeper}.copy`, distance: 0.01 },
  ],
  reclaimableBytes,
});

describe('formatDuplicateGroups', () => {
  it('totals the space to free without plain RAW+JPEG pairs, and says they were not counted', () => {
    const text = formatDuplicateGroups(
      [group('identical', '/a.jpg', 2048), group('raw+jpeg', '/d/IMG_1.CR2', 6_000_000)],
      0.25,
    );
    expect(text.split('\n')[0]).toBe(
      '2 groups at distance 0.25; 2.0 KB could be freed (1 RAW+JPEG pair not counted).',
    );
    expect(text).toContain('[raw+jpeg] keep /d/IMG_1.CR2');
  });

  it('says plainly when there is nothing', () => {
    expect(formatDuplicateGroups([], 0.25)).toBe('No duplicates at distance 0.25.');
    expect(formatDuplicateGroups([group('similar', '/b.jpg', 1024)], 0.3).split('\n')[0]).toBe(
      '1 group at distance 0.3; 1.0 KB could be freed.',
    );
  });
});
