import { expect, test, type Page } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import { E2E_TOKEN, readFixture } from './e2e-settings';

/**
 * The journeys a photographer takes, in Chromium against `doppel serve`: index a folder, search by photo,
 * review duplicates with the live slider, trash a copy, mark "not duplicates". One ordered story, since
 * each step builds on the library the previous one made.
 */
test.describe.configure({ mode: 'serial' });

const fixture = readFixture();

async function setSlider(page: Page, value: number): Promise<void> {
  await page.getByTestId('threshold-slider').evaluate((element, next) => {
    const input = element as HTMLInputElement;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setter.call(input, String(next));
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

async function screenshots(page: Page, name: string): Promise<void> {
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    await page.screenshot({ path: `test-results/screens/${name}-${theme}.png`, fullPage: true });
  }
  await page.evaluate(() => document.documentElement.removeAttribute('data-theme'));
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
  await screenshots(page, 'library-empty');
  await page.getByTestId('folder-path-input').fill(fixture.library.root);
  await page.getByTestId('index-button').click();
  await expect(page.getByTestId('folder-row')).toHaveCount(1, { timeout: 60_000 });
  const photos = 3 * 6 + 2 + fixture.library.smooth.length + fixture.burst.length;
  await expect(page.getByTestId('folder-count').first()).toContainText(String(photos), { timeout: 60_000 });
  await expect(page.getByTestId('error-row')).toHaveCount(fixture.library.bad.length);
  await screenshots(page, 'library-indexed');
});

test('searches with a photo from outside the library and shows its copies first', async ({ page }) => {
  await page.getByTestId('nav-search').click();
  await page.getByTestId('search-file-input').setInputFiles(fixture.query);
  const results = page.getByTestId('search-result');
  await expect(results.first()).toBeVisible({ timeout: 30_000 });
  const family = fixture.library.families[0]!;
  const familyNames = [family.original, ...family.copies].map((p) => p.split('/').pop()!);
  const firstSix = await results.evaluateAll((nodes) => nodes.slice(0, 6).map((n) => n.textContent ?? ''));
  for (const text of firstSix) expect(familyNames.some((name) => text.includes(name))).toBe(true);
  await expect(page.getByTestId('result-distance').first()).toHaveText(/^0\.\d\d/);
  await screenshots(page, 'search');
});

test('shows the planted groups and regroups live with the slider', async ({ page }) => {
  await page.getByTestId('nav-duplicates').click();
  const groups = page.getByTestId('duplicate-group');
  // 3 edited families + 1 exact twin; the burst is not a group at the default threshold.
  await expect(groups).toHaveCount(4, { timeout: 30_000 });
  await expect(page.getByTestId('keeper-badge')).toHaveCount(4);
  await screenshots(page, 'duplicates');

  await setSlider(page, 0.5);
  await expect(groups).toHaveCount(5); // the burst joins as one similar group
  const burstGroup = groups.filter({ hasText: 'frame-0.jpg' });
  await expect(burstGroup.getByTestId('photo-card')).toHaveCount(fixture.burst.length);
  await expect(burstGroup.getByTestId('group-kind')).toHaveText(/similar/i);
  await setSlider(page, 0);
  await expect(groups).toHaveCount(4); // same-picture and identical groups do not depend on the model
});

test('trashes a copy: it leaves the disk (into the trash) and the view', async ({ page }) => {
  await page.getByTestId('nav-duplicates').click();
  const family = fixture.library.families[0]!;
  const group = page.getByTestId('duplicate-group').filter({ hasText: family.original.split('/').pop()! });
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
  const group = page.getByTestId('duplicate-group').filter({ hasText: family.original.split('/').pop()! });
  await group.getByTestId('not-duplicates').click();
  await expect(page.getByTestId('duplicate-group')).toHaveCount(2, { timeout: 30_000 });
  await page.getByTestId('nav-library').click();
  await page.getByTestId('folder-path-input').fill(fixture.library.root);
  await page.getByTestId('index-button').click();
  await expect(page.getByTestId('index-result')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('nav-duplicates').click();
  await expect(page.getByTestId('duplicate-group')).toHaveCount(2, { timeout: 30_000 });
});
