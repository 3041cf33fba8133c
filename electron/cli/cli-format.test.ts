import { describe, expect, it } from 'vitest';
import type { DuplicateGraph, DuplicateGroup } from '../../shared/contract/entities';
import { engineMethods } from '../../shared/contract/methods';
import { groupDuplicates } from '../../shared/duplicates/grouping';
import { formatDuplicateGroups } from './cli-format';

/** A keeper and one copy; a group of a copy kind is also its own single copy set. */
function group(kind: DuplicateGroup['kind'], keeper: string, reclaimableBytes: number): DuplicateGroup {
  const items = [
    { path: keeper, distance: 0 },
    { path: `${keeper}.copy`, distance: 0.01 },
  ];
  const copies = kind === 'similar' ? [] : [{ kind, keeper, items, reclaimableBytes }];
  return { kind, keeper, items, reclaimableBytes, copies };
}

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
      '1 group at distance 0.3; 1.0 KB could be freed, 0 B of it copies of the same picture.',
    );
  });

  it('lists the copy sets of a similar group, each with its keeper, after its shots with no copy', () => {
    const cwd = process.cwd();
    const at = (name: string) => `${cwd}/shoot/${name}`;
    const similarGroup: DuplicateGroup = {
      kind: 'similar',
      keeper: at('B.CR2'),
      items: [
        { path: at('B.CR2'), distance: 0 },
        { path: at('B.jpg'), distance: 0.03 },
        { path: at('A.jpg'), distance: 0.15 },
        { path: at('A-copy.jpg'), distance: 0.15 },
        { path: at('C.jpg'), distance: 0.16 },
      ],
      reclaimableBytes: 3072,
      copies: [
        {
          kind: 'raw+jpeg',
          keeper: at('B.CR2'),
          items: [
            { path: at('B.CR2'), distance: 0 },
            { path: at('B.jpg'), distance: 0.03 },
          ],
          reclaimableBytes: 0,
        },
        {
          kind: 'identical',
          keeper: at('A.jpg'),
          items: [
            { path: at('A.jpg'), distance: 0 },
            { path: at('A-copy.jpg'), distance: 0 },
          ],
          reclaimableBytes: 1024,
        },
      ],
    };
    expect(formatDuplicateGroups([similarGroup], 0.2).split('\n')).toEqual([
      '1 group at distance 0.2; 3.0 KB could be freed, 1.0 KB of it copies of the same picture.',
      '',
      `[similar] keep ${at('B.CR2')}`,
      '    0.1600  shoot/C.jpg',
      '  copies [raw+jpeg] keep shoot/B.CR2',
      '    0.0300  shoot/B.jpg',
      '  copies [identical] keep shoot/A.jpg at 0.1500',
      '    0.0000  shoot/A-copy.jpg',
    ]);
  });

  it('gives --json the copies of every group as the grouping made them (the CLI prints the answer as is)', () => {
    const graph: DuplicateGraph = {
      maxDistance: 0.5,
      defaultThreshold: 0.2,
      model: 'm',
      photos: ['/a.jpg', '/a-copy.jpg', '/b.jpg'].map((path) => ({
        path,
        hash: path === '/a-copy.jpg' ? 'ha' : `h${path}`,
        size: 10,
        mtimeMs: 0,
        width: 10,
        height: 10,
        format: 'jpeg',
        takenAt: null,
      })),
      pairs: [
        { a: 'ha', b: 'h/b.jpg', distance: 0.1, samePicture: false },
        { a: 'h/a.jpg', b: 'h/b.jpg', distance: 0.1, samePicture: false },
        { a: 'h/a.jpg', b: 'ha', distance: 0.01, samePicture: true },
      ],
      dismissed: [],
    };
    const answer = JSON.parse(JSON.stringify({ maxDistance: 0.2, groups: groupDuplicates(graph, 0.2) }));
    expect(engineMethods.duplicates.response.parse(answer)).toEqual(answer);
    expect(answer.groups).toHaveLength(1);
    expect(answer.groups[0].copies).toEqual([
      {
        kind: 'same-picture',
        keeper: '/a.jpg',
        items: [
          { path: '/a.jpg', distance: 0 },
          { path: '/a-copy.jpg', distance: 0.01 },
        ],
        reclaimableBytes: 10,
      },
    ]);
  });
});
