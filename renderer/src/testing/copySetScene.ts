import type { DuplicatePair } from '../../../shared/contract';
import { graphOf, photo, similar } from './photoFixtures';

/**
 * One scene shot three times: shot A kept twice byte for byte, shot B as a full frame and a smaller re-save
 * (the same picture), shot C once. At the default threshold all five are one similar group holding two copy
 * sets: the one the copy-set tests and the copy-count tests both look at.
 */
export function copySetScene() {
  const a = photo('/p/A.jpg', { hash: 'a', size: 5_000_000 });
  const aBackup = photo('/p/backup/A.jpg', { hash: 'a', size: 5_000_000 });
  const b = photo('/p/B.jpg', { size: 4_000_000 });
  const bSmall = photo('/p/web/B.jpg', { width: 1600, height: 1200, size: 600_000 });
  const c = photo('/p/C.jpg', { size: 3_000_000 });
  const shots = [a, b, bSmall, c];
  const pairs: DuplicatePair[] = [{ a: b.hash, b: bSmall.hash, distance: 0.01, samePicture: true }];
  for (let i = 0; i < shots.length; i++)
    for (let j = i + 1; j < shots.length; j++)
      if (!(shots[i] === b && shots[j] === bSmall)) pairs.push(similar(shots[i]!, shots[j]!, 0.05));
  return { a, aBackup, b, bSmall, c, graph: graphOf([a, aBackup, b, bSmall, c], pairs) };
}
