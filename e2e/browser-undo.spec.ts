import { expect, test } from '@playwright/test';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { photoLikePixels, rawImage, writeImage } from '../electron/engine/testing/photo-fixtures';
import { E2E_TOKEN, E2E_WORK } from './e2e-settings';
import { callApi, expectAccessible, indexFolderWhenIdle, screenshots } from './journey-helpers';

/**
 * Undo after a trash, in a library of its own (added here and removed afterwards, so the other journeys see
 * the library they expect): trash the copy from its group, visit other screens, come back, Undo, and the
 * copy is back on disk and in its group.
 */
test.describe.configure({ mode: 'serial' });

const root = join(E2E_WORK, 'Undo');
const original = join(root, 'originals', 'DSC_5001.jpg');
const copy = join(root, 'backup', 'DSC_5001.jpg');

test.beforeAll(async () => {
  await writeImage(original, rawImage(photoLikePixels(5_000_011)).jpeg({ quality: 90 }));
  mkdirSync(join(root, 'backup'), { recursive: true });
  copyFileSync(original, copy);
});

test.beforeEach(async ({ page }) => {
  await page.goto(`/?token=${E2E_TOKEN}`);
});

test('trash a copy, go elsewhere and back, Undo: the copy is back in its group', async ({ page }) => {
  await indexFolderWhenIdle(page, root);
  try {
    await page.getByTestId('nav-duplicates').click();
    const group = page.getByTestId('duplicate-group').filter({ has: page.locator(`[data-path="${copy}"]`) });
    await expect(group).toHaveCount(1, { timeout: 60_000 });
    // The browser's "Move to folder…" asks for a path in a modal dialog; looked at, then cancelled.
    await group.getByTestId('move-others').click();
    await expect(page.getByTestId('move-dialog')).toBeVisible();
    await expect(page.getByTestId('move-destination')).toBeFocused();
    await screenshots(page, 'duplicates-move-dialog');
    await expectAccessible(page, 'duplicates-move-dialog');
    await page.getByTestId('move-cancel').click();
    await expect(page.getByTestId('move-dialog')).toBeHidden();
    await group.getByTestId('trash-others').click();
    const confirm = page.getByTestId('confirm-ok');
    if (await confirm.isVisible().catch(() => false)) await confirm.click();
    await expect(group).toHaveCount(0, { timeout: 30_000 });
    // Whichever of the two was kept, the other one left the disk.
    const trashed = existsSync(copy) ? original : copy;
    expect(existsSync(trashed)).toBe(false);
    const notice = page.getByTestId('undo-notice');
    await expect(notice).toContainText('Moved 1 photo to the Trash.');

    await page.getByTestId('nav-library').click();
    await expect(notice).toBeVisible();
    await page.getByTestId('nav-search').click();
    await page.getByTestId('nav-duplicates').click();
    await expect(page.getByTestId('undo-trash')).toBeVisible();
    await screenshots(page, 'duplicates-undo');
    await expectAccessible(page, 'duplicates-undo');

    await page.getByTestId('undo-trash').click();
    await expect(page.getByTestId('undo-outcome')).toHaveText('Put back 1 photo.', { timeout: 60_000 });
    expect(existsSync(trashed)).toBe(true);
    const back = page
      .getByTestId('duplicate-group')
      .filter({ has: page.locator(`[data-path="${trashed}"]`) });
    await expect(back).toHaveCount(1, { timeout: 30_000 });
    await expect(back.getByTestId('photo-card')).toHaveCount(2);
    expect(await back.textContent()).toContain(basename(trashed));
    await expectAccessible(page, 'duplicates-undone');
  } finally {
    await callApi(page, 'removeFolder', { path: root });
  }
});
