import { describe, expect, it } from 'vitest';
import { DuplicateKindSchema, type DuplicateKind } from '../contract/entities';
import {
  classifyPair,
  clampThreshold,
  DUPLICATE_KINDS,
  filterByKinds,
  isListedByDefault,
  isListedUnderKind,
  KIND_LIST_ORDER,
  KIND_STRENGTH,
  KINDS_BY_STRENGTH,
  pairKey,
  reclaimableBytes,
  copiesReclaimableBytes,
  totalReclaimableBytes,
} from './policy';

const byOrder = (order: Readonly<Record<DuplicateKind, number>>) =>
  [...DUPLICATE_KINDS].sort((a, b) => order[a] - order[b]);

describe('kind order', () => {
  it('knows every kind of the contract, once', () => {
    expect([...DUPLICATE_KINDS]).toEqual(DuplicateKindSchema.options);
    expect([...KINDS_BY_STRENGTH].sort()).toEqual([...DUPLICATE_KINDS].sort());
    expect(Object.keys(KIND_LIST_ORDER).sort()).toEqual([...DUPLICATE_KINDS].sort());
  });

  it('ranks identical strongest and similar weakest, a RAW+JPEG twin between', () => {
    expect(byOrder(KIND_STRENGTH)).toEqual(['identical', 'raw+jpeg', 'same-picture', 'similar']);
    KINDS_BY_STRENGTH.forEach((kind, position) => expect(KIND_STRENGTH[kind]).toBe(position));
  });

  it('lists plain RAW+JPEG pairs last, and leaves them out of default lists', () => {
    expect(byOrder(KIND_LIST_ORDER)).toEqual(['identical', 'same-picture', 'similar', 'raw+jpeg']);
    expect(DUPLICATE_KINDS.filter(isListedByDefault)).toEqual(['identical', 'same-picture', 'similar']);
  });
});

describe('pairKey', () => {
  it('is the same whichever way round the pair is given, and differs between pairs', () => {
    expect(pairKey('a', 'b')).toBe(pairKey('b', 'a'));
    expect(pairKey('a', 'b')).not.toBe(pairKey('a', 'c'));
    // The separator cannot make two different pairs collide when hashes have no '|'.
    expect(pairKey('ab', 'c')).not.toBe(pairKey('a', 'bc'));
  });
});

describe('classifyPair', () => {
  const pair = (flags: { rawJpeg?: boolean; samePicture?: boolean }) => ({
    samePicture: false,
    ...flags,
  });

  it('reads the flags: RAW+JPEG over same picture over similar', () => {
    expect(classifyPair(pair({ rawJpeg: true, samePicture: true }), '/d/IMG_1.CR2', '/d/IMG_1.JPG')).toBe(
      'raw+jpeg',
    );
    expect(classifyPair(pair({ samePicture: true }), '/a.jpg', '/b.jpg')).toBe('same-picture');
    expect(classifyPair(pair({}), '/a.jpg', '/b.jpg')).toBe('similar');
  });

  it('calls a RAW and a copy of its JPEG in another folder the same picture, not twins', () => {
    expect(classifyPair(pair({ rawJpeg: true }), '/d/IMG_1.CR2', '/backup/IMG_1.JPG')).toBe('same-picture');
    expect(classifyPair(pair({ rawJpeg: true }), '/d/IMG_1.CR2', '/d/img_1.jpg')).toBe('raw+jpeg');
  });
});

describe('isListedUnderKind', () => {
  it('lists a similar group under the kinds of the copy sets it holds, and any group under its own kind', () => {
    const similarWithCopies = { kind: 'similar' as const, copies: [{ kind: 'identical' as const }] };
    expect(isListedUnderKind(similarWithCopies, 'identical')).toBe(true);
    expect(isListedUnderKind(similarWithCopies, 'similar')).toBe(true);
    expect(isListedUnderKind(similarWithCopies, 'same-picture')).toBe(false);
    const burstOfTwins = { kind: 'similar' as const, copies: [{ kind: 'raw+jpeg' as const }] };
    expect(isListedUnderKind(burstOfTwins, 'raw+jpeg')).toBe(false);
    const identical = { kind: 'identical' as const, copies: [{ kind: 'identical' as const }] };
    expect(isListedUnderKind(identical, 'similar')).toBe(false);
  });

  it('filters a list by kinds the same way (the CLI’s --kind), keeping everything without kinds', () => {
    const withCopies = { kind: 'similar' as const, copies: [{ kind: 'same-picture' as const }] };
    const plain = { kind: 'similar' as const, copies: [] };
    const pair = { kind: 'raw+jpeg' as const, copies: [{ kind: 'raw+jpeg' as const }] };
    expect(filterByKinds([withCopies, plain, pair], ['same-picture'])).toEqual([withCopies]);
    expect(filterByKinds([withCopies, plain, pair], ['raw+jpeg'])).toEqual([pair]);
    expect(filterByKinds([withCopies, plain, pair], ['raw+jpeg', 'similar'])).toEqual([
      withCopies,
      plain,
      pair,
    ]);
    expect(filterByKinds([withCopies, plain], undefined)).toEqual([withCopies, plain]);
  });
});

describe('reclaimableBytes', () => {
  it('adds up every other photo but the keeper’s own twin', () => {
    const others = [
      { path: '/d/IMG_1.JPG', size: 6 },
      { path: '/b/IMG_1.CR2', size: 30 },
      { path: '/b/IMG_1.JPG', size: 7 },
    ];
    expect(reclaimableBytes(others, (photo) => photo.path === '/d/IMG_1.JPG')).toBe(37);
    expect(reclaimableBytes(others, (_, index) => index > 0)).toBe(6);
    expect(reclaimableBytes([], () => false)).toBe(0);
  });

  it('counts plain RAW+JPEG groups for nothing in a total', () => {
    const groups = [
      { kind: 'identical' as const, reclaimableBytes: 5 },
      { kind: 'raw+jpeg' as const, reclaimableBytes: 100 },
      { kind: 'similar' as const, reclaimableBytes: 3 },
    ];
    expect(totalReclaimableBytes(groups)).toBe(8);
  });

  it('counts the copy sets of every group, inside similar groups too, and no similar shot', () => {
    const set = (kind: 'identical' | 'raw+jpeg' | 'same-picture', reclaimableBytes: number) => ({
      kind,
      keeper: '/k.jpg',
      items: [],
      reclaimableBytes,
    });
    const groups = [
      { kind: 'identical' as const, copies: [set('identical', 5)] },
      // A similar group of 100 bytes to reclaim, 20 of them copies of one shot and 7 of another.
      {
        kind: 'similar' as const,
        copies: [set('same-picture', 20), set('identical', 7), set('raw+jpeg', 9)],
      },
      { kind: 'similar' as const, copies: [] },
      { kind: 'raw+jpeg' as const, copies: [set('raw+jpeg', 50)] },
    ];
    expect(copiesReclaimableBytes(groups)).toBe(32);
  });
});

describe('clampThreshold', () => {
  const graph = { maxDistance: 0.4, defaultThreshold: 0.1 };

  it('uses the default when nothing is chosen', () => {
    expect(clampThreshold(graph)).toBe(0.1);
    expect(clampThreshold(graph, null)).toBe(0.1);
  });

  it('keeps a chosen threshold within 0 and the graph’s maximum', () => {
    expect(clampThreshold(graph, 0.25)).toBe(0.25);
    expect(clampThreshold(graph, 0.9)).toBe(0.4);
    expect(clampThreshold(graph, -1)).toBe(0);
    expect(clampThreshold(graph, 0)).toBe(0);
  });

  it('caps the default too, for a graph computed only up to a smaller distance', () => {
    expect(clampThreshold({ maxDistance: 0.05, defaultThreshold: 0.1 })).toBe(0.05);
  });
});
