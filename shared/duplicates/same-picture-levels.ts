import { SamePictureLevelSchema, type DuplicatePair, type SamePictureLevel } from '../contract/entities';

/**
 * How strict "same picture" is: the rule the Duplicates screen's level control, `doppel duplicates
 * --same-picture` and the API's `duplicates` share. The engine's perceptual check stores each same-picture
 * pair with the strictest level that still takes it (electron/engine/image/same-picture-check.ts says what
 * each level admits and what was measured); choosing a level keeps the pairs of that level and stricter, so
 * a change of level regroups the graph already loaded, with no engine round trip.
 */

/** Strictest first (the CLI's --same-picture values). */
export const SAME_PICTURE_LEVELS: readonly SamePictureLevel[] = SamePictureLevelSchema.options;

export const DEFAULT_SAME_PICTURE_LEVEL: SamePictureLevel = 'normal';

/** Each level's position in SAME_PICTURE_LEVELS: 0 is the strictest. */
const STRICTNESS: Readonly<Record<SamePictureLevel, number>> = {
  strict: 0,
  normal: 1,
  loose: 2,
};

/** The level asked for, else the default. */
export function chosenSamePictureLevel(chosen?: SamePictureLevel | null): SamePictureLevel {
  return chosen ?? DEFAULT_SAME_PICTURE_LEVEL;
}

/**
 * Whether a pair counts as the same picture at `level`: the perceptual check said so at that level or a
 * stricter one. A pair stored before levels existed (no `samePictureLevel`) was verified by a check as
 * tolerant as today's default level, so it counts from that level on.
 */
export function isSamePictureAt(
  pair: Pick<DuplicatePair, 'samePicture' | 'samePictureLevel'>,
  level: SamePictureLevel,
): boolean {
  if (!pair.samePicture) return false;
  return STRICTNESS[pair.samePictureLevel ?? DEFAULT_SAME_PICTURE_LEVEL] <= STRICTNESS[level];
}
