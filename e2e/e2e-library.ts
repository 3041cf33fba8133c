import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { makePlantedLibrary } from '../electron/engine/testing/library-fixture';
import {
  PLANTED_EDITS,
  burstFramePixels,
  photoLikePixels,
  rawImage,
  writeImage,
} from '../electron/engine/testing/photo-fixtures';
import type { E2eFixture } from './e2e-settings';

/**
 * The library every journey uses, in a fresh folder: planted copies, an exact twin, smooth look-alikes,
 * junk, a burst of a moving subject, a query photo from outside the library and an empty test trash.
 */
export async function makeE2eLibrary(work: string): Promise<E2eFixture> {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const library = await makePlantedLibrary(join(work, 'Photos'), 3);
  const burst: string[] = [];
  for (let frame = 0; frame < 4; frame++) {
    const path = join(library.root, 'burst', `frame-${frame}.jpg`);
    await writeImage(path, rawImage(burstFramePixels(31337, frame)).jpeg({ quality: 90 }));
    burst.push(path);
  }
  const query = join(work, 'query', 'edited-copy.jpg');
  await writeImage(query, rawImage(photoLikePixels(7919)).resize(400, 300).jpeg({ quality: 60 }));
  return { library, burst, query, trash: join(work, 'trash') };
}

/** How many readable photos the planted library holds. */
export function plantedPhotoCount(fixture: E2eFixture): number {
  const { library } = fixture;
  const copies = library.families.reduce((sum, family) => sum + 1 + family.copies.length, 0);
  return copies + library.identical.length + library.smooth.length + fixture.burst.length;
}

export interface ReviewLibrary {
  root: string;
  /** Each original with its edited copies: the original is the photo a photographer keeps. */
  families: { original: string; copies: string[] }[];
  /** A byte-for-byte pair: either one is the right keeper. */
  identical: [string, string];
}

/**
 * A second library, for reviewing by keyboard from a full list: pictures of its own (other seeds than the
 * planted library, so nothing groups across the two), each original with the planted edits, and an exact
 * twin in a backup folder.
 */
export async function makeReviewLibrary(root: string, originals = 3): Promise<ReviewLibrary> {
  rmSync(root, { recursive: true, force: true });
  const families: ReviewLibrary['families'] = [];
  for (let seed = 1; seed <= originals; seed++) {
    const pixels = photoLikePixels(seed * 104_729);
    const original = join(root, 'originals', `DSC_${2000 + seed}.jpg`);
    await writeImage(original, rawImage(pixels).jpeg({ quality: 92 }));
    const copies: string[] = [];
    for (const [name, edit] of Object.entries(PLANTED_EDITS)) {
      const copy = join(root, 'exports', `${seed}-${name}`);
      await writeImage(copy, edit(rawImage(pixels)));
      copies.push(copy);
    }
    families.push({ original, copies });
  }
  const single = join(root, 'originals', 'DSC_3000.jpg');
  await writeImage(single, rawImage(photoLikePixels(271_828)).jpeg({ quality: 90 }));
  const twin = join(root, 'backup', 'DSC_3000.jpg');
  mkdirSync(join(root, 'backup'), { recursive: true });
  copyFileSync(single, twin);
  return { root, families, identical: [single, twin] };
}
