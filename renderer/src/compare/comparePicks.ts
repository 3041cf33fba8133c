/** The compare view shows two to four photos: fewer is not a comparison, more would be too small to judge. */
export const minCompared = 2;
export const maxCompared = 4;

/**
 * The photos a compare view opens with, from a group's photos (keeper first): the keeper ("A", the reference),
 * then the photo in focus when it is another ("B", what the flip shows against the keeper), then the next
 * ones in the group's order, up to four.
 */
export function initialPicks(groupPaths: readonly string[], focusedPath?: string): string[] {
  const [keeper, ...rest] = groupPaths;
  if (!keeper) return [];
  const picks = [keeper];
  if (focusedPath && focusedPath !== keeper && rest.includes(focusedPath)) picks.push(focusedPath);
  for (const path of rest) {
    if (picks.length >= maxCompared) break;
    if (!picks.includes(path)) picks.push(path);
  }
  return picks;
}

/**
 * The picks with `path` taken away, or added at the end (the first is the reference, "A"; the second "B");
 * unchanged when that would leave fewer than two or more than four.
 */
export function togglePick(groupPaths: readonly string[], picks: readonly string[], path: string): string[] {
  if (picks.includes(path)) {
    return picks.length > minCompared ? picks.filter((pick) => pick !== path) : [...picks];
  }
  if (picks.length >= maxCompared || !groupPaths.includes(path)) return [...picks];
  return [...picks, path];
}
