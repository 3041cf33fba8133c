import { expect, test } from '@playwright/test';
import { ExifTool } from 'exiftool-vendored';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { photoLikePixels, rawImage, writeImage } from '../electron/engine/testing/photo-fixtures';
import { E2E_TOKEN, E2E_WORK } from './e2e-settings';
import { callApi, expectAccessible, indexFolderWhenIdle, screenshots } from './journey-helpers';

/**
 * Nothing of value lost with the copies, in a library of its own (added here and removed afterwards): the
 * keeper is a large export without metadata, its copy a smaller file straight from the camera with a date,
 * a position, a rating and keywords. Trashing the copy with "keep metadata" on leaves <keeper>.xmp beside
 * the keeper, which exiftool reads, and the keeper's own bytes untouched.
 */
test.describe.configure({ mode: 'serial' });

const root = join(E2E_WORK, 'Sidecar');
const keeper = join(root, 'export', 'DSC_6001.jpg');
const copy = join(root, 'camera', 'DSC_6001.jpg');
const exiftool = new ExifTool({ maxProcs: 1 });

test.beforeAll(async () => {
  await writeImage(keeper, rawImage(photoLikePixels(6_000_017)).jpeg({ quality: 95 }));
  await writeImage(copy, rawImage(photoLikePixels(6_000_017)).resize(320, 240).jpeg({ quality: 70 }));
  await exiftool.write(
    copy,
    {
      DateTimeOriginal: '2023:08:09 10:11:12',
      GPSLatitude: 46.5597,
      GPSLatitudeRef: 'N',
      GPSLongitude: 8.5611,
      GPSLongitudeRef: 'E',
      Rating: 4,
      'XMP-dc:Subject': ['Alps', 'hike'],
    } as never,
    { writeArgs: ['-overwrite_original'] },
  );
});

test.afterAll(async () => {
  await exiftool.end();
});

test.beforeEach(async ({ page }) => {
  await page.goto(`/?token=${E2E_TOKEN}`);
});

test('trash a copy with "keep metadata" on: a sidecar beside the keeper holds what the copy knew', async ({
  page,
}) => {
  await indexFolderWhenIdle(page, root);
  try {
    const keeperBytes = readFileSync(keeper);
    await page.getByTestId('nav-duplicates').click();
    const group = page.getByTestId('duplicate-group').filter({ has: page.locator(`[data-path="${copy}"]`) });
    await expect(group).toHaveCount(1, { timeout: 60_000 });
    // The suggested keeper is the larger export; the option is on by default.
    await expect(group.getByTestId('photo-card').first()).toHaveAttribute('data-path', keeper);
    await expect(page.getByTestId('keep-metadata')).toBeChecked();
    await expectAccessible(page, 'duplicates-keep-metadata');

    await group.getByTestId('trash-others').click();
    const confirm = page.getByTestId('confirm-ok');
    if (await confirm.isVisible().catch(() => false)) await confirm.click();
    await expect(group).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByTestId('undo-notice')).toContainText('Kept their metadata in 1 XMP sidecar');
    expect(existsSync(copy)).toBe(false);

    const sidecar = `${keeper}.xmp`;
    expect(existsSync(sidecar)).toBe(true);
    const tags = (await exiftool.read(sidecar)) as unknown as Record<string, unknown>;
    expect(String(tags.DateTimeOriginal)).toContain('2023-08-09T10:11:12');
    expect(tags.GPSLatitude).toBeCloseTo(46.5597, 4);
    expect(tags.GPSLongitude).toBeCloseTo(8.5611, 4);
    expect(tags.Rating).toBe(4);
    expect(tags.Subject).toEqual(['Alps', 'hike']);
    expect(readFileSync(keeper).equals(keeperBytes)).toBe(true);
    await screenshots(page, 'duplicates-sidecar-kept');
    await expectAccessible(page, 'duplicates-sidecar-kept');
  } finally {
    await callApi(page, 'removeFolder', { path: root });
  }
});
