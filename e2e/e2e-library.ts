import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { makePlantedLibrary } from '../electron/engine/testing/library-fixture';
import {
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
