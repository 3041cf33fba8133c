import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { makeColourLibrary, type ColourLibrary } from '../electron/engine/model/testing/colour-library';
import { E2E_TOKEN, E2E_WORK } from './e2e-settings';
import { callApi, indexFolderWhenIdle } from './journey-helpers';

/**
 * Search by words in Chromium against `doppel serve`: a folder of red, green and blue photos is added for
 * this spec only (the tiny model's colour words embed where solid colours do) and removed afterwards, so
 * the other journeys see the library they expect whatever the order.
 */
test.describe.configure({ mode: 'serial' });

let colours: ColourLibrary;

async function resultPaths(page: Page): Promise<string[]> {
  const names = page.locator('[data-testid="search-result"] .result-card__name');
  await expect(names.first()).toBeVisible({ timeout: 30_000 });
  return names.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('title') ?? ''));
}

test.beforeAll(async () => {
  colours = await makeColourLibrary(join(E2E_WORK, 'Colours'));
});

test.beforeEach(async ({ page }) => {
  await page.goto(`/?token=${E2E_TOKEN}`);
});

test('finds photos by words, then steers a photo search with words', async ({ page }) => {
  await indexFolderWhenIdle(page, colours.root);
  try {
    await page.getByTestId('nav-search').click();
    await page.getByTestId('search-text-input').fill('red');
    await page.getByTestId('search-text-submit').click();
    const red = await resultPaths(page);
    expect(red.slice(0, 2).sort()).toEqual([...colours.byColour.red].sort());

    // A photo plus "blue": the blue photos come up.
    await page.getByTestId('search-file-input').setInputFiles(colours.neutral[0]!);
    await expect(page.getByTestId('query-name')).toBeVisible();
    await expect(page.getByTestId('search-busy')).toHaveCount(0, { timeout: 30_000 });
    const alone = await resultPaths(page);
    await expect(page.getByText('Like this photo, but…')).toBeVisible();
    await page.getByTestId('search-text-input').fill('blue');
    await page.getByTestId('search-text-submit').click();
    await expect(page.getByTestId('search-busy')).toHaveCount(0, { timeout: 30_000 });
    const combined = await resultPaths(page);
    const rank = (paths: string[]) =>
      Math.min(...colours.byColour.blue.map((p) => paths.indexOf(p)).filter((i) => i >= 0));
    expect(rank(combined)).toBeLessThan(rank(alone));
  } finally {
    await callApi(page, 'removeFolder', { path: colours.root });
  }
});
