/**
 * The keepers the user picked, by path, with the order they were picked in. Keyed by path rather than by
 * group because groups are rebuilt on every slider move; the latest pick wins when two picks end up in one group.
 */
export type KeeperChoices = ReadonlyMap<string, number>;

export const noKeeperChoices: KeeperChoices = new Map();

export function chooseKeeper(
  choices: KeeperChoices,
  groupPaths: readonly string[],
  keeper: string,
): KeeperChoices {
  const next = new Map(choices);
  for (const path of groupPaths) next.delete(path);
  const latest = Math.max(0, ...choices.values());
  next.set(keeper, latest + 1);
  return next;
}

/** The user's pick inside this group, if any. */
export function chosenKeeper(choices: KeeperChoices, groupPaths: readonly string[]): string | null {
  let best: string | null = null;
  let bestOrder = -Infinity;
  for (const path of groupPaths) {
    const order = choices.get(path);
    if (order !== undefined && order > bestOrder) {
      best = path;
      bestOrder = order;
    }
  }
  return best;
}
