import type { DuplicateGraph, DuplicatePair, PhotoInfo, SamePictureLevel } from '../../contract/entities';
import { seededRandom } from '../../testing/seeded-random';

export interface RandomGraphOptions {
  photos: number;
  /** Chance that two shots of one burst are a pair at all (1: every shot matches every other). */
  pairChance: number;
  /** The longest burst. */
  burstShots: number;
  /** Chance of a pair between two bursts, which joins them into one part of the graph. */
  crossChance: number;
}

/**
 * A duplicate graph with everything grouping must get right: bursts with tied distances (so several links
 * share a gate), byte-identical copies, RAW+JPEG twins and a copy of the set elsewhere, same-picture pairs
 * at every level (some without a distance), pairs listed twice with different distances, dismissed pairs,
 * pairs between bursts, a protected folder, and sizes and dimensions that tie, so keeper choice and list
 * order have to break ties.
 */
export function randomDuplicateGraph(seed: number, options: RandomGraphOptions): DuplicateGraph {
  const random = seededRandom(seed);
  const photos: PhotoInfo[] = [];
  const pairs: DuplicatePair[] = [];
  const dismissed: [string, string][] = [];
  const levels: (SamePictureLevel | undefined)[] = ['strict', 'normal', 'loose', undefined];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  // Distances in steps of 0.02, so ties are common.
  const distance = (): number => Math.round(random() * 25) / 50;
  const add = (path: string, hash: string): PhotoInfo => {
    const photo: PhotoInfo = {
      path,
      hash,
      size: pick([1_000, 2_000, 2_000, 3_500]),
      mtimeMs: 1_600_000_000_000 + Math.floor(random() * 4) * 1000,
      width: pick([4000, 4000, 2000]),
      height: 3000,
      format: path.endsWith('.CR2') ? 'cr2' : 'jpeg',
      takenAt: null,
    };
    photos.push(photo);
    return photo;
  };
  let previousBurst: PhotoInfo[] = [];
  for (let burstIndex = 0; photos.length < options.photos; burstIndex++) {
    const shots = 1 + Math.floor(random() * options.burstShots);
    const burst: PhotoInfo[] = [];
    for (let shot = 0; shot < shots; shot++) {
      const name = `/lib/b${burstIndex}/IMG_${shot}`;
      const jpeg = add(`${name}.jpg`, `h${burstIndex}-${shot}`);
      burst.push(jpeg);
      if (random() < 0.1) {
        // A RAW beside its JPEG, and now and then a copy of the set on another card.
        const raw = add(`${name}.CR2`, `r${burstIndex}-${shot}`);
        pairs.push({ a: raw.hash, b: jpeg.hash, distance: distance(), samePicture: false, rawJpeg: true });
        if (random() < 0.3) add(`/card2/b${burstIndex}/IMG_${shot}.CR2`, raw.hash);
      }
      if (random() < 0.1) add(`/backup/b${burstIndex}/IMG_${shot}.jpg`, jpeg.hash);
    }
    for (let i = 0; i < burst.length; i++) {
      for (let j = i + 1; j < burst.length; j++) {
        if (random() >= options.pairChance) continue;
        const samePicture = random() < 0.1;
        const pair: DuplicatePair = {
          a: burst[i]!.hash,
          b: burst[j]!.hash,
          distance: samePicture && random() < 0.3 ? null : distance(),
          samePicture,
          ...(samePicture ? { samePictureLevel: pick(levels) } : {}),
        };
        pairs.push(random() < 0.5 ? pair : { ...pair, a: pair.b, b: pair.a });
        if (random() < 0.03) pairs.push({ ...pair, a: pair.b, b: pair.a, distance: distance() });
        if (random() < 0.02) dismissed.push([pair.a, pair.b]);
      }
    }
    if (previousBurst.length > 0 && random() < options.crossChance) {
      pairs.push({
        a: pick(previousBurst).hash,
        b: pick(burst).hash,
        distance: distance(),
        samePicture: false,
      });
    }
    previousBurst = burst;
  }
  // A protected folder, so some keepers win by folder rather than by the rule.
  const graph = { maxDistance: 0.5, defaultThreshold: 0.2, model: 'test-model', photos, pairs, dismissed };
  return { ...graph, protectedFolders: ['/backup'] };
}

/**
 * Thresholds that exercise every change of a graph's groups: each distance in it, halfway between neighbours,
 * and the edges (below all, above all, infinite, not a number).
 */
export function thresholdsOf(graph: DuplicateGraph): number[] {
  const distances = [
    ...new Set(graph.pairs.flatMap((pair) => (pair.distance === null ? [] : [pair.distance]))),
  ];
  distances.sort((a, b) => a - b);
  const between = distances.slice(1).map((distance, i) => (distance + distances[i]!) / 2);
  return [-Infinity, -1, 0, ...distances, ...between, 0.5, 1, Infinity, NaN];
}
