import { expect, test } from '@playwright/test';
import { copyFileSync, existsSync, mkdirSync, rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { photoLikePixels, rawImage, writeImage } from '../electron/engine/testing/photo-fixtures';
import { E2E_TOKEN, E2E_WORK } from './e2e-settings';
import { callApi, expectAccessible, groupPaths, indexFolderWhenIdle, isKeeper } from './journey-helpers';

/**
 * Protected folders, as a photographer uses them: a master archive and a memory card's copy of it, each a
 * library folder of its own (added for this spec and removed afterwards). The card's copies are the older
 * files, so without the protection the default rule would keep them and trash the archive's.
 */
test.describe.configure({ mode: 'serial' });

interface Picture {
  archived: string;
  cardCopy: string;
  resized: string;
}

const root = join(E2E_WORK, 'Protected');
const archive = join(root, 'Master archive');
const card = join(root, 'Card');
const pictures: Picture[] = [];

test.beforeAll(async () => {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(card, { recursive: true });
  const older = new Date(Date.UTC(2010, 0, 1));
  // Seeds of their own: nothing here groups with the other journeys' pictures.
  for (const seed of [424_242, 515_151]) {
    const archived = join(archive, '2019', `DSC_${seed}.jpg`);
    const pixels = photoLikePixels(seed);
    await writeImage(archived, rawImage(pixels).jpeg({ quality: 92 }));
    const cardCopy = join(card, `DSC_${seed}.jpg`);
    copyFileSync(archived, cardCopy);
    utimesSync(cardCopy, older, older);
    const resized = join(card, `DSC_${seed}-small.jpg`);
    await writeImage(resized, rawImage(pixels).resize(320, 240).jpeg({ quality: 70 }));
    pictures.push({ archived, cardCopy, resized });
  }
});

test.beforeEach(async ({ page }) => {
  await page.goto(`/?token=${E2E_TOKEN}`);
});

test('a protected folder keeps its photos: badge, keeper, and a bulk trash that leaves them and says why', async ({
  page,
}) => {
  await indexFolderWhenIdle(page, archive);
  await indexFolderWhenIdle(page, card);
  try {
    // Library: protect the archive with its checkbox, named by the folder.
    await page.getByTestId('nav-library').click();
    const protect = page.getByRole('checkbox', { name: `Protected: ${archive}` });
    await expect(protect).not.toBeChecked();
    await protect.check();
    await expect(protect).toBeChecked();
    await expect(page.getByRole('checkbox', { name: `Protected: ${card}` })).not.toBeChecked();
    const status = (await callApi(page, 'status', {})) as {
      folders: { path: string; protected?: boolean }[];
    };
    expect(status.folders.find((folder) => folder.path === archive)?.protected).toBe(true);
    await expectAccessible(page, 'library with a protected folder');

    // Duplicates: each picture's group keeps the archive's copy, badged and explained.
    await page.getByTestId('nav-duplicates').click();
    const ours = (paths: string[]) => paths.some((path) => pictures.some((p) => p.archived === path));
    await expect.poll(async () => (await groupPaths(page)).filter(ours).length, { timeout: 60_000 }).toBe(2);
    for (const picture of pictures) {
      expect(await isKeeper(page, picture.archived), picture.archived).toBe(true);
      const keeperCard = page.locator(`[data-testid="photo-card"][data-path="${picture.archived}"]`);
      await expect(keeperCard.getByTestId('keeper-reason')).toHaveText(
        'Keeper: in protected folder Master archive',
      );
      const badge = keeperCard.getByTestId('protected-badge');
      await expect(badge).toBeVisible();
      await expect(badge).toContainText('Doppel never trashes it');
      await expect(keeperCard).toHaveAttribute('aria-label', /, protected$/);
      const copyCard = page.locator(`[data-testid="photo-card"][data-path="${picture.cardCopy}"]`);
      await expect(copyCard.getByTestId('protected-badge')).toHaveCount(0);
    }
    await expectAccessible(page, 'duplicates with protected photos');

    // Bulk: trash all but the keeper. The confirmation says the protected photos stay, and why.
    await page.getByTestId('bulk-trash').click();
    const kept = page.getByTestId('confirm-protected-kept');
    await expect(kept).toContainText('in a protected folder');
    await expect(kept).toContainText('Doppel never trashes a photo in a protected folder');
    await expectAccessible(page, 'bulk trash with protected photos');
    await page.getByTestId('confirm-ok').click();
    await expect(page.getByTestId('confirm-dialog')).toHaveCount(0, { timeout: 30_000 });
    await expect.poll(async () => (await groupPaths(page)).filter(ours).length, { timeout: 30_000 }).toBe(0);
    for (const picture of pictures) {
      expect(existsSync(picture.archived), picture.archived).toBe(true);
      expect(existsSync(picture.cardCopy), picture.cardCopy).toBe(false);
      expect(existsSync(picture.resized), picture.resized).toBe(false);
    }

    // No face can bypass it: the API itself refuses the archive's photo, in words.
    const refused = (await callApi(page, 'trash', { paths: [pictures[0]!.archived] })) as {
      trashed: string[];
      failed: { path: string; error: string }[];
    };
    expect(refused.trashed).toEqual([]);
    expect(refused.failed[0]?.error).toBe(
      'it is in a protected folder (Master archive); Doppel never trashes it',
    );
    expect(existsSync(pictures[0]!.archived)).toBe(true);
  } finally {
    for (const folder of [archive, card]) await callApi(page, 'removeFolder', { path: folder });
  }
});
