// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { DuplicateKind, PhotoInfo } from '../../../shared/contract';
import { planBulkTrash, type BulkTrashPlan } from './bulkTrashPlan';
import type { CopySetView, GroupView } from './groupViews';

const photo = (path: string, size: number, overrides: Partial<PhotoInfo> = {}): PhotoInfo => ({
  path,
  hash: `h:${path}`,
  size,
  mtimeMs: 0,
  width: 100,
  height: 100,
  format: 'jpeg',
  takenAt: null,
  ...overrides,
});

/** The plan that trashes nothing and leaves nothing for review. */
const nothingToTrash: BulkTrashPlan = {
  groups: 0,
  setsInSimilarGroups: 0,
  paths: [],
  bytes: 0,
  leftForReview: 0,
  protectedKept: 0,
};

/**
 * The first photo is the keeper. A group that is not similar is one copy set; a similar group holds the
 * copy sets given (each keeper first), none by default.
 */
function group(kind: DuplicateKind, photos: PhotoInfo[], sets: CopySetView[] = []): GroupView {
  const reclaimableBytes = photos.slice(1).reduce((sum, p) => sum + p.size, 0);
  return {
    id: photos[0]!.path,
    kind,
    keeperPath: photos[0]!.path,
    keeperIsSuggested: true,
    photos,
    copySets: kind === 'similar' ? sets : [{ kind, photos }],
    reclaimableBytes,
    suggestedReclaimableBytes: reclaimableBytes,
    protectedFolders: new Map(),
    keeperReason: null,
  };
}

describe('planBulkTrash: identical and same-picture groups', () => {
  it('trashes every copy of an identical group', () => {
    const plan = planBulkTrash([
      group('identical', [photo('/a.jpg', 5, { hash: 'x' }), photo('/b.jpg', 5, { hash: 'x' })]),
    ]);
    expect(plan).toEqual({
      groups: 1,
      setsInSimilarGroups: 0,
      paths: ['/b.jpg'],
      bytes: 5,
      leftForReview: 0,
      protectedKept: 0,
    });
  });

  it('trashes a same-picture copy only when it has no more pixels and no larger file than the keeper', () => {
    const keeper = photo('/k.jpg', 1000, { width: 4000, height: 3000 });
    const resized = photo('/resized.jpg', 200, { width: 1600, height: 1200 });
    const reencoded = photo('/reencoded.jpg', 1000, { width: 4000, height: 3000 });
    const sameBytes = photo('/backup/k.jpg', 1000, { hash: keeper.hash, width: 4000, height: 3000 });
    const heavier = photo('/brightened.jpg', 1200, { width: 4000, height: 3000 });
    const larger = photo('/upscaled.jpg', 900, { width: 4000, height: 3001 });
    const plan = planBulkTrash([
      group('same-picture', [keeper, resized, reencoded, sameBytes, heavier, larger]),
    ]);
    expect(plan).toEqual({
      groups: 1,
      setsInSimilarGroups: 0,
      paths: ['/resized.jpg', '/reencoded.jpg', '/backup/k.jpg'],
      bytes: 2200,
      leftForReview: 2,
      protectedKept: 0,
    });
  });

  it('counts a group whose every copy needs a look as left for review, not as a group to trash', () => {
    const plan = planBulkTrash([
      group('same-picture', [photo('/small.jpg', 10, { width: 10, height: 10 }), photo('/big.jpg', 99)]),
    ]);
    expect(plan).toEqual({
      groups: 0,
      setsInSimilarGroups: 0,
      paths: [],
      bytes: 0,
      leftForReview: 1,
      protectedKept: 0,
    });
  });

  it('leaves similar groups alone', () => {
    const plan = planBulkTrash([group('similar', [photo('/a.jpg', 5), photo('/b.jpg', 1)])]);
    expect(plan).toEqual(nothingToTrash);
  });
});

describe('planBulkTrash and RAW+JPEG twins', () => {
  const raw = (path: string) => photo(path, 30, { hash: 'raw', format: 'cr2', width: 6000, height: 4000 });
  const jpeg = (path: string) => photo(path, 6, { hash: 'jpeg', width: 6000, height: 4000 });

  it('leaves plain raw+jpeg pairs alone', () => {
    const plan = planBulkTrash([group('raw+jpeg', [raw('/d/IMG_1.CR2'), jpeg('/d/IMG_1.JPG')])]);
    expect(plan).toEqual(nothingToTrash);
  });

  it('keeps the kept RAW+JPEG set and trashes the other copies of a card copied several times', () => {
    const card = [raw('/Card/IMG_1.CR2'), jpeg('/Card/IMG_1.JPG')];
    const copies = [raw('/B1/IMG_1.CR2'), jpeg('/B1/IMG_1.JPG'), raw('/B2/IMG_1.CR2'), jpeg('/B2/img_1.jpg')];
    const plan = planBulkTrash([group('same-picture', [...card, ...copies])]);
    expect(plan).toEqual({
      groups: 1,
      setsInSimilarGroups: 0,
      paths: copies.map((copy) => copy.path),
      bytes: 72,
      leftForReview: 0,
      protectedKept: 0,
    });
  });

  it('keeps the RAW twin of a JPEG the user kept', () => {
    const kept = jpeg('/Card/IMG_1.JPG');
    const plan = planBulkTrash([
      group('same-picture', [kept, raw('/Card/IMG_1.CR2'), jpeg('/B1/IMG_1.JPG'), raw('/B1/IMG_1.CR2')]),
    ]);
    expect(plan.paths).toEqual(['/B1/IMG_1.JPG', '/B1/IMG_1.CR2']);
  });

  it('splits no RAW+JPEG set when the keeper is not one: the twins are left for review', () => {
    const exported = photo('/e/IMG_1-web.jpg', 1, { width: 6000, height: 4000 });
    const backup = photo('/b/IMG_1.jpg', 1, { width: 1000, height: 800 });
    const plan = planBulkTrash([
      group('same-picture', [exported, raw('/d/IMG_1.NEF'), jpeg('/d/img_1.jpg'), backup]),
    ]);
    expect(plan).toEqual({
      groups: 1,
      setsInSimilarGroups: 0,
      paths: ['/b/IMG_1.jpg'],
      bytes: 1,
      leftForReview: 2,
      protectedKept: 0,
    });
  });
});

describe('planBulkTrash: copy sets inside similar groups', () => {
  // Shot A kept three ways (a byte copy, a smaller re-save and a brightened edit), shot B twice byte for
  // byte, shot C once: one similar group. Only the copies of A and of B may go.
  const a = photo('/shoot/A.jpg', 900, { hash: 'a', width: 4000, height: 3000 });
  const aBackup = photo('/backup/A.jpg', 900, { hash: 'a', width: 4000, height: 3000 });
  const aSmall = photo('/web/A.jpg', 100, { width: 1600, height: 1200 });
  const aEdit = photo('/edits/A.jpg', 1200, { width: 4000, height: 3000 });
  const b = photo('/shoot/B.jpg', 800, { hash: 'b' });
  const bBackup = photo('/backup/B.jpg', 800, { hash: 'b' });
  const c = photo('/shoot/C.jpg', 700);
  const burst = group(
    'similar',
    [a, aBackup, aSmall, aEdit, b, bBackup, c],
    [
      { kind: 'same-picture', photos: [a, aBackup, aSmall, aEdit] },
      { kind: 'identical', photos: [b, bBackup] },
    ],
  );

  it('trashes the copies in each set by the set keeper, and never a similar shot', () => {
    const plan = planBulkTrash([burst]);
    expect(plan).toEqual({
      groups: 1,
      setsInSimilarGroups: 2,
      paths: ['/backup/A.jpg', '/web/A.jpg', '/backup/B.jpg'],
      bytes: 1800,
      leftForReview: 1,
      protectedKept: 0,
    });
    for (const kept of [a, b, c]) expect(plan.paths).not.toContain(kept.path);
  });

  it('trashes nothing from a similar group without copy sets, or one whose set is a RAW and its JPEG', () => {
    const raw = photo('/d/IMG_1.CR2', 30, { format: 'cr2' });
    const jpeg = photo('/d/IMG_1.JPG', 6);
    const plan = planBulkTrash([
      group('similar', [a, c]),
      group('similar', [raw, jpeg, c], [{ kind: 'raw+jpeg', photos: [raw, jpeg] }]),
    ]);
    expect(plan).toEqual(nothingToTrash);
  });
});

describe('planBulkTrash: protected folders', () => {
  it('never trashes a photo in a protected folder, and counts the ones it leaves', () => {
    const keeper = photo('/Archive/a.jpg', 5, { hash: 'x' });
    const secondInArchive = photo('/Archive/old/a.jpg', 5, { hash: 'x' });
    const copy = photo('/card/a.jpg', 5, { hash: 'x' });
    const protectedGroup = {
      ...group('identical', [keeper, secondInArchive, copy]),
      protectedFolders: new Map([
        [keeper.path, '/Archive'],
        [secondInArchive.path, '/Archive'],
      ]),
    };
    const plan = planBulkTrash([protectedGroup]);
    expect(plan.paths).toEqual([copy.path]);
    expect(plan.protectedKept).toBe(2);
    expect(plan.bytes).toBe(5);
  });
});
