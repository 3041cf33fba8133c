import { expect, test, type Page } from '@playwright/test';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { DuplicateGraph } from '../shared/contract/entities';
import { formatBytes } from '../renderer/src/format/formatBytes';
import { plantedPhotoCount } from './e2e-library';
import { E2E_TOKEN, readFixture } from './e2e-settings';
import {
  expectModalHoldsFocus,
  expectNoPageOverflow,
  focusedPath,
  groupPaths,
  isKeeper,
  reviewScreen,
  setSlider,
  sliderValuesAround,
} from './journey-helpers';

/**
 * The journeys a photographer takes, in Chromium against `doppel serve`: index a folder, search by photo,
 * review duplicates with the live slider, trash a copy, mark "not duplicates", drive it from the keyboard
 * and clean up in bulk. One ordered story, since each step builds on the library the previous one made.
 */
test.describe.configure({ mode: 'serial' });

const fixture = readFixture();

async function duplicateGraph(page: Page): Promise<DuplicateGraph> {
  const response = await page.request.post('/api/duplicateGraph', { headers: { 'X-Doppel': '1' }, data: {} });
  expect(response.ok()).toBe(true);
  return (await response.json()) as DuplicateGraph;
}

test.beforeEach(async ({ page }) => {
  await page.goto(`/?token=${E2E_TOKEN}`);
});

test('rejects the API without the per-run token', async ({ request }) => {
  const response = await request.post('/api/status', { headers: { 'X-Doppel': '1', Cookie: '' }, data: {} });
  expect(response.status()).toBe(401);
});

test('adds a folder and watches indexing reach the end, with unreadable files listed', async ({ page }) => {
  await page.getByTestId('nav-library').click();
  await reviewScreen(page, 'library-empty');
  await page.getByTestId('folder-path-input').fill(fixture.library.root);
  await page.getByTestId('index-button').click();
  // The progress bar appears and counts up to its total.
  const progress = page.getByTestId('progress');
  await expect(progress).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('folder-row')).toHaveCount(1, { timeout: 60_000 });
  const photos = plantedPhotoCount(fixture);
  await expect(page.getByTestId('folder-count').first()).toContainText(String(photos), { timeout: 60_000 });
  await expect(progress).toBeHidden();
  await expect(page.getByTestId('index-result')).toBeVisible();
  await expect(page.getByTestId('error-row')).toHaveCount(fixture.library.bad.length);
  await expectNoPageOverflow(page);
  await reviewScreen(page, 'library-indexed');
});

test('searches with a photo from outside the library and shows its copies first', async ({ page }) => {
  await page.getByTestId('nav-search').click();
  await reviewScreen(page, 'search-empty');
  await page.getByTestId('search-file-input').setInputFiles(fixture.query);
  const results = page.getByTestId('search-result');
  await expect(results.first()).toBeVisible({ timeout: 30_000 });
  const family = fixture.library.families[0]!;
  const familyNames = [family.original, ...family.copies].map((p) => basename(p));
  const firstSix = await results.evaluateAll((nodes) => nodes.slice(0, 6).map((n) => n.textContent ?? ''));
  for (const text of firstSix) expect(familyNames.some((name) => text.includes(name))).toBe(true);
  await expect(page.getByTestId('result-distance').first()).toHaveText(/^0\.\d\d/);
  await expectNoPageOverflow(page);
  await reviewScreen(page, 'search');
});

test('searches by dropping a photo onto the window', async ({ page }) => {
  await page.getByTestId('nav-search').click();
  const bytes = await import('node:fs').then((fs) => fs.readFileSync(fixture.query).toString('base64'));
  const dataTransfer = await page.evaluateHandle((base64) => {
    const binary = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([binary], 'dropped.jpg', { type: 'image/jpeg' }));
    return transfer;
  }, bytes);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await reviewScreen(page, 'drop-overlay');
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toBeHidden();
  await expect(page.getByTestId('query-name')).toHaveText('dropped.jpg', { timeout: 30_000 });
  const family = fixture.library.families[0]!;
  const familyNames = [family.original, ...family.copies].map((p) => basename(p));
  const first = page.getByTestId('search-result').first();
  await expect(first).toBeVisible({ timeout: 30_000 });
  const text = (await first.textContent()) ?? '';
  expect(familyNames.some((name) => text.includes(name))).toBe(true);
});

test('shows the planted groups and regroups live with the slider', async ({ page }) => {
  await page.getByTestId('nav-duplicates').click();
  const groups = page.getByTestId('duplicate-group');
  // 3 edited families + 1 exact twin; the burst is not a group at the default threshold.
  await expect(groups).toHaveCount(4, { timeout: 30_000 });
  await expect(page.getByTestId('keeper-badge')).toHaveCount(4);
  await expectNoPageOverflow(page);
  await reviewScreen(page, 'duplicates');

  const graph = await duplicateGraph(page);
  await setSlider(page, 'threshold-slider', graph.maxDistance);
  await expect(groups).toHaveCount(5); // the burst joins as one similar group
  const burstGroup = groups.filter({ hasText: 'frame-0.jpg' });
  await expect(burstGroup.getByTestId('photo-card')).toHaveCount(fixture.burst.length);
  await expect(burstGroup.getByTestId('group-kind')).toHaveText(/similar/i);
  await setSlider(page, 'threshold-slider', 0);
  await expect(groups).toHaveCount(4); // same-picture and identical groups do not depend on the model
});

test('splits the burst just below its widest pair distance, read from the duplicate graph', async ({
  page,
}) => {
  const graph = await duplicateGraph(page);
  const burst = new Set(fixture.burst);
  // Pairs link content hashes; each burst frame is its own file, so hash and path map one to one.
  const pathOfHash = new Map(
    graph.photos.filter((photo) => burst.has(photo.path)).map((p) => [p.hash, p.path]),
  );
  expect(pathOfHash.size).toBe(burst.size);
  const burstPairs = graph.pairs
    .filter((pair) => pathOfHash.has(pair.a) && pathOfHash.has(pair.b) && pair.distance !== null)
    .map((pair) => ({ a: pathOfHash.get(pair.a)!, b: pathOfHash.get(pair.b)!, distance: pair.distance! }));
  // Every pair of the burst is in the graph, so complete linkage can hold it as one group.
  expect(burstPairs).toHaveLength((burst.size * (burst.size - 1)) / 2);
  const widest = burstPairs.reduce((a, b) => (b.distance > a.distance ? b : a));

  await page.getByTestId('nav-duplicates').click();
  await expect(page.getByTestId('duplicate-group').first()).toBeVisible({ timeout: 30_000 });
  const step = Number(await page.getByTestId('threshold-slider').getAttribute('step'));
  const { below, atOrAbove } = sliderValuesAround(widest.distance, step);
  expect(atOrAbove).toBeLessThanOrEqual(graph.maxDistance);
  const burstGroups = async () =>
    (await groupPaths(page)).filter((paths) => paths.some((path) => burst.has(path)));

  await setSlider(page, 'threshold-slider', atOrAbove);
  await expect
    .poll(async () => (await burstGroups()).map((paths) => paths.length))
    .toEqual([fixture.burst.length]);

  await setSlider(page, 'threshold-slider', below);
  await expect
    .poll(async () => {
      const groups = await burstGroups();
      const grouped = groups.reduce((sum, paths) => sum + paths.length, 0);
      // Split into runs (or shed frames): either more groups, or fewer frames grouped.
      return groups.length > 1 || grouped < fixture.burst.length;
    })
    .toBe(true);
  for (const paths of await burstGroups())
    expect(paths.includes(widest.a) && paths.includes(widest.b), 'the widest pair shares a group').toBe(
      false,
    );
  await reviewScreen(page, 'duplicates-burst-split');
});

test('opens a photo full size with zoom', async ({ page }) => {
  await page.getByTestId('nav-duplicates').click();
  await expect(page.getByTestId('duplicate-group').first()).toBeVisible({ timeout: 30_000 });
  await page.locator('body').click({ position: { x: 5, y: 5 } }); // keys go to the list, not the sidebar
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('full-image-viewer')).toBeVisible();
  await expectModalHoldsFocus(page, 'full-image-viewer');
  const zoom = page.getByTestId('viewer-zoom');
  const before = await zoom.textContent();
  await page.keyboard.press('1'); // 100 %: the pixels, to compare detail
  await expect.poll(() => zoom.textContent()).not.toBe(before);
  await reviewScreen(page, 'viewer');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('full-image-viewer')).toBeHidden();

  // Opened from a photo's own button, closing puts the focus back on that button.
  const opener = page.locator('[data-testid="photo-card"] .photo-card__image').nth(1);
  await opener.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('full-image-viewer')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('full-image-viewer')).toBeHidden();
  await expect(opener).toBeFocused();
});

test('trashes a copy: it leaves the disk (into the trash) and the view', async ({ page }) => {
  await page.getByTestId('nav-duplicates').click();
  const family = fixture.library.families[0]!;
  const group = page.getByTestId('duplicate-group').filter({ hasText: basename(family.original) });
  await expect(group).toHaveCount(1, { timeout: 30_000 });
  await group.getByTestId('trash-others').click();
  const confirm = page.getByTestId('confirm-ok');
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await expect(page.getByTestId('duplicate-group')).toHaveCount(3, { timeout: 30_000 });
  for (const copy of family.copies) expect(existsSync(copy)).toBe(false);
  expect(readdirSync(fixture.trash)).toHaveLength(family.copies.length);
});

test('"not duplicates" is remembered across a re-index', async ({ page }) => {
  await page.getByTestId('nav-duplicates').click();
  const family = fixture.library.families[1]!;
  const group = page.getByTestId('duplicate-group').filter({ hasText: basename(family.original) });
  await group.getByTestId('not-duplicates').click();
  await expect(page.getByTestId('duplicate-group')).toHaveCount(2, { timeout: 30_000 });
  await page.getByTestId('nav-library').click();
  await page.getByTestId('folder-path-input').fill(fixture.library.root);
  await page.getByTestId('index-button').click();
  await expect(page.getByTestId('index-result')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('nav-duplicates').click();
  await expect(page.getByTestId('duplicate-group')).toHaveCount(2, { timeout: 30_000 });
});

test('keyboard: arrows move between photos and groups, K keeps, T trashes, N marks not duplicates', async ({
  page,
}) => {
  await page.getByTestId('nav-duplicates').click();
  const family = fixture.library.families[2]!;
  await expect(page.getByTestId('duplicate-group')).toHaveCount(2, { timeout: 30_000 });
  const familyIndex = (await groupPaths(page)).findIndex((paths) => paths.includes(family.original));
  expect(familyIndex).toBeGreaterThanOrEqual(0);
  await page.locator('body').click({ position: { x: 5, y: 5 } }); // focus the page, not a control

  for (let i = 0; i < familyIndex; i++) await page.keyboard.press('ArrowDown');
  const rowPaths = (await groupPaths(page))[familyIndex]!;
  expect(await focusedPath(page)).toBe(rowPaths[0]);
  await page.keyboard.press('ArrowRight');
  const chosen = rowPaths[1]!;
  expect(await focusedPath(page)).toBe(chosen);
  await page.keyboard.press('ArrowLeft');
  expect(await focusedPath(page)).toBe(rowPaths[0]);
  await page.keyboard.press('ArrowRight');

  await page.keyboard.press('k');
  await expect.poll(() => isKeeper(page, chosen)).toBe(true);
  await expect(page.getByTestId('keeper-badge')).toHaveCount(2); // one keeper per group, still

  // Focus stays on the new keeper; step to a copy to trash it.
  if (await isKeeper(page, (await focusedPath(page))!)) await page.keyboard.press('ArrowRight');
  const focused = (await focusedPath(page))!;
  expect(await isKeeper(page, focused)).toBe(false);
  const trashedBefore = readdirSync(fixture.trash).length;
  await page.keyboard.press('t');
  await expect.poll(() => existsSync(focused)).toBe(false);
  expect(readdirSync(fixture.trash)).toHaveLength(trashedBefore + 1);
  await expect
    .poll(async () => (await groupPaths(page)).find((paths) => paths.includes(chosen))?.length)
    .toBe(rowPaths.length - 1);

  await page.keyboard.press('n');
  await expect(page.getByTestId('duplicate-group')).toHaveCount(1, { timeout: 30_000 });
  expect((await groupPaths(page)).flat()).not.toContain(family.original);
});

test('bulk "trash all but the keeper" confirms with the count and the space it frees', async ({ page }) => {
  await page.getByTestId('nav-duplicates').click();
  await expect(page.getByTestId('duplicate-group')).toHaveCount(1, { timeout: 30_000 });
  const [twin] = await groupPaths(page);
  const others: string[] = [];
  for (const path of twin!) if (!(await isKeeper(page, path))) others.push(path);
  const bytes = others.reduce((sum, path) => sum + statSync(path).size, 0);

  const bulkTrash = page.getByTestId('bulk-trash');
  await bulkTrash.click();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`${others.length} photo`);
  await expect(page.getByTestId('confirm-summary')).toContainText(formatBytes(bytes));
  await expect(page.getByTestId('confirm-cancel')).toBeFocused(); // the safe choice first
  await expectModalHoldsFocus(page, 'confirm-dialog');
  await reviewScreen(page, 'bulk-confirm');
  await page.getByTestId('confirm-cancel').click();
  await expect(dialog).toBeHidden();
  await expect(bulkTrash).toBeFocused();
  await page.keyboard.press('Enter'); // from the keyboard too: Escape cancels, the focus comes back
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(bulkTrash).toBeFocused();
  for (const path of others) expect(existsSync(path)).toBe(true);

  await page.getByTestId('bulk-trash').click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('duplicate-group')).toHaveCount(0, { timeout: 30_000 });
  for (const path of others) expect(existsSync(path)).toBe(false);
  for (const path of twin!.filter((path) => !others.includes(path))) expect(existsSync(path)).toBe(true);
  await reviewScreen(page, 'duplicates-done');
});

test('settings screen', async ({ page }) => {
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('screen-settings')).toBeVisible();
  await expectNoPageOverflow(page);
  await reviewScreen(page, 'settings');
});
