import type { DuplicateGraph, DuplicatePair, PhotoInfo } from '../../shared/contract/entities';
import { seededRandom } from '../../electron/engine/testing/seeded-random';

/**
 * A library-shaped duplicate graph without a model or a database: `photoCount` photos, every one with at
 * least one partner (the worst case for regrouping: the UI regroups every photo of the graph). Most photos sit
 * in small bursts (2-8 shots, neighbours close, ends further), some have byte-identical copies, some pairs are
 * the same picture by the perceptual check, and a few pairs are dismissed.
 */
export function syntheticDuplicateGraph(photoCount: number, maxDistance = 0.5, seed = 42): DuplicateGraph {
  const random = seededRandom(seed);
  const photos: PhotoInfo[] = [];
  const pairs: DuplicatePair[] = [];
  const dismissed: [string, string][] = [];
  let index = 0;
  const newPhoto = (hash: string): PhotoInfo => {
    const i = index++;
    return {
      path: `/library/${String(Math.floor(i / 1000)).padStart(4, '0')}/IMG_${String(i).padStart(7, '0')}.jpg`,
      hash,
      size: 2_000_000 + Math.floor(random() * 6_000_000),
      mtimeMs: 1_600_000_000_000 + i * 1000,
      width: random() < 0.8 ? 4000 : 2000,
      height: 3000,
      format: 'jpeg',
      takenAt: null,
    };
  };
  while (index < photoCount) {
    const shots = Math.min(photoCount - index, 2 + Math.floor(random() * 7));
    const burst = Array.from({ length: shots }, () => newPhoto(`h${index.toString(16).padStart(12, '0')}`));
    for (let i = 0; i < burst.length; i++) {
      for (let j = i + 1; j < burst.length; j++) {
        const distance = Math.min(maxDistance, 0.03 + 0.07 * (j - i) + random() * 0.12);
        if (distance >= maxDistance) continue;
        const samePicture = j === i + 1 && random() < 0.08;
        pairs.push({ a: burst[i]!.hash, b: burst[j]!.hash, distance, samePicture });
        if (random() < 0.002) dismissed.push([burst[i]!.hash, burst[j]!.hash]);
      }
    }
    // A byte-identical copy (a backup folder) of one shot now and then.
    if (random() < 0.05 && index < photoCount) photos.push(...burst, newPhoto(burst[0]!.hash));
    else photos.push(...burst);
  }
  return { maxDistance, defaultThreshold: 0.25, model: 'bench', photos, pairs, dismissed };
}
