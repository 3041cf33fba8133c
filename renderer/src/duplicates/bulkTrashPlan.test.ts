// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { DuplicateKind, PhotoInfo } from '../../../shared/contract';
import { planBulkTrash } from './bulkTrashPlan';
import type { GroupView } from './groupViews';

const photo = (path: string, size: number): PhotoInfo => ({
  path,
  hash: `h:${path}`,
  size,
  mtimeMs: 0,
  width: 100,
  height: 100,
  format: 'jpeg',
  takenAt: null,
});

function group(kind: DuplicateKind, photos: PhotoInfo[]): GroupView {
  const reclaimableBytes = photos.slice(1).reduce((sum, p) => sum + p.size, 0);
  return {
    id: photos[0]!.path,
    kind,
    keeperPath: photos[0]!.path,
    keeperIsSuggested: true,
    photos,
    reclaimableBytes,
    suggestedReclaimableBytes: reclaimableBytes,
  };
}

describe('planBulkTrash and RAW+JPEG twins', () => {
  it('leaves raw+jpeg groups alone', () => {
    const plan = planBulkTrash([group('raw+jpeg', [photo('/d/IMG_1.CR2', 30), photo('/d/IMG_1.JPG', 6)])]);
    expect(plan).toEqual({ groups: 0, paths: [], bytes: 0 });
  });

  it('never picks a RAW or its JPEG twin in a mixed group, even when the user kept another photo', () => {
    const raw = photo('/d/IMG_1.NEF', 30);
    const twin = photo('/d/img_1.jpg', 6);
    const exported = photo('/e/IMG_1-web.jpg', 1);
    const backup = photo('/b/IMG_1.jpg', 6);
    const plan = planBulkTrash([group('same-picture', [exported, raw, twin, backup])]);
    expect(plan).toEqual({ groups: 1, paths: ['/b/IMG_1.jpg'], bytes: 6 });
  });

  it('still trashes the copies of ordinary groups', () => {
    const plan = planBulkTrash([group('identical', [photo('/a.jpg', 5), photo('/b.jpg', 5)])]);
    expect(plan).toEqual({ groups: 1, paths: ['/b.jpg'], bytes: 5 });
  });
});
