import { expect, test, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { makeReviewLibrary, type ReviewLibrary } from './e2e-library';
import { E2E_TOKEN, E2E_WORK } from './e2e-settings';
import { callApi, groupPaths, indexFolderWhenIdle, isKeeper } from './journey-helpers';

/**
 * Keyboard-only review, measured: a library of its own (added for this spec and removed afterwards, so the
 * other journeys see the library they expect) is reviewed group by group without the mouse, counting the
 * keys. Where the suggested keeper is right, a group must take at most two keys.
 */
test.describe.configure({ mode: 'serial' });

const keyBudgetPerGroup = 2;
let review: ReviewLibrary;

test.beforeAll(async () => {
  review = await makeReviewLibrary(join(E2E_WORK, 'Review'));
});

test.beforeEach(async ({ page }) => {
  await page.goto(`/?token=${E2E_TOKEN}`);
});

/** Whether a group holding `keeper` is still in the list. */
async function groupShown(page: Page, keeper: string): Promise<boolean> {
  return (await groupPaths(page)).some((paths) => paths.includes(keeper));
}

/**
 * Presses `key` until the group of `keeper` leaves the list, as a reviewer would, within the budget. Returns
 * the keys it took, or budget + 1 if the group was still there after the last one.
 */
async function pressUntilResolved(page: Page, key: string, keeper: string, budget: number): Promise<number> {
  for (let presses = 1; presses <= budget; presses++) {
    await page.keyboard.press(key);
    const resolved = await expect
      .poll(() => groupShown(page, keeper), { timeout: 15_000 })
      .toBe(false)
      .then(
        () => true,
        () => false,
      );
    if (resolved) return presses;
  }
  return budget + 1;
}

test('reviews every group from the keyboard, at most two keys each when the keeper is right', async ({
  page,
}) => {
  await indexFolderWhenIdle(page, review.root);
  try {
    const ours = new Set([
      ...review.families.flatMap((family) => [family.original, ...family.copies]),
      ...review.identical,
    ]);
    await page.getByTestId('nav-duplicates').click();
    const groups = page.getByTestId('duplicate-group');
    const expectedGroups = review.families.length + 1;
    await expect(groups).toHaveCount(expectedGroups, { timeout: 60_000 });
    const before = await groupPaths(page);
    // The list is this library's groups only, each with its suggested keeper first: the original of a
    // family, either file of the twin.
    expect(before.flat().every((path) => ours.has(path))).toBe(true);
    for (const paths of before) expect(await isKeeper(page, paths[0]!)).toBe(true);
    const originals = new Set(review.families.map((family) => family.original));
    const keepers = before.map((paths) => paths[0]!);
    expect(keepers.filter((keeper) => originals.has(keeper))).toHaveLength(review.families.length);

    // From here on, only keys. The focus starts on the first group; each resolved group gives its place to
    // the next.
    const keysPerGroup: number[] = [];
    for (const keeper of keepers) {
      expect((await groupPaths(page))[0]![0], 'the focused group is the next one').toBe(keeper);
      const keys = await pressUntilResolved(page, 'x', keeper, keyBudgetPerGroup);
      expect(keys, `keys to resolve the group of ${keeper}`).toBeLessThanOrEqual(keyBudgetPerGroup);
      keysPerGroup.push(keys);
    }
    const total = keysPerGroup.reduce((sum, keys) => sum + keys, 0);
    console.log(
      `Keyboard review: ${total} keys for ${keysPerGroup.length} groups (${keysPerGroup.join(', ')})`,
    );
    expect(keysPerGroup).toHaveLength(expectedGroups);
    expect(total).toBeLessThanOrEqual(keyBudgetPerGroup * expectedGroups);
    await expect(groups).toHaveCount(0);
    await expect(page.getByTestId('duplicates-none')).toBeVisible();

    // What the keys did on disk: every keeper stays, every other photo went to the Trash.
    for (const keeper of keepers) expect(existsSync(keeper)).toBe(true);
    const others = before.flatMap((paths) => paths.slice(1));
    expect(others.length).toBeGreaterThan(0);
    for (const path of others) expect(existsSync(path)).toBe(false);
  } finally {
    await callApi(page, 'removeFolder', { path: review.root });
  }
});
