import { expect, test, type Locator, type Page } from '@playwright/test';
import { basename, join } from 'node:path';
import { makeReviewLibrary, type ReviewLibrary } from './e2e-library';
import { E2E_TOKEN, E2E_WORK } from './e2e-settings';
import { callApi, expectModalHoldsFocus, indexFolderWhenIdle, reviewScreen } from './journey-helpers';

/**
 * The compare view, in Chromium against `doppel serve`: a library of its own (one original with the planted
 * edits, added for this spec and removed afterwards), compared from its group: zoom in step in every pane,
 * flip A and B with the key, light the differences, close back to where it was opened.
 */
test.describe.configure({ mode: 'serial' });

let library: ReviewLibrary;

test.beforeAll(async () => {
  library = await makeReviewLibrary(join(E2E_WORK, 'Compare'), 1);
});

test.beforeEach(async ({ page }) => {
  await page.goto(`/?token=${E2E_TOKEN}`);
});

/** The placement of each pane's photo as laid out: width, height, left, top, in CSS pixels. */
async function placements(dialog: Locator): Promise<number[][]> {
  return dialog.getByTestId('compare-image').evaluateAll((images) =>
    images.map((image) => {
      const style = (image as HTMLElement).style;
      return [style.width, style.height, style.left, style.top].map((value) => Number.parseFloat(value));
    }),
  );
}

/** Every pane shows its photo at the same place and size, to a hundredth of a pixel. */
function expectAlike(placed: number[][]): void {
  expect(placed.length).toBeGreaterThan(1);
  for (const other of placed.slice(1))
    other.forEach((value, at) =>
      expect(value, `placements ${JSON.stringify(placed)}`).toBeCloseTo(placed[0]![at]!, 2),
    );
}

/** Picks exactly `names` in the compare view's picker, staying within two to four picks at every step. */
async function pickOnly(dialog: Locator, names: string[]): Promise<void> {
  const picks = dialog.getByTestId('compare-pick');
  for (let step = 0; step < 12; step++) {
    const state = await picks.evaluateAll((buttons) =>
      buttons.map((button) => ({
        name: (button.getAttribute('title') ?? '').split('/').pop() ?? '',
        pressed: button.getAttribute('aria-pressed') === 'true',
      })),
    );
    const count = state.filter((pick) => pick.pressed).length;
    const toAdd = state.findIndex((pick) => !pick.pressed && names.includes(pick.name));
    const toDrop = state.findIndex((pick) => pick.pressed && !names.includes(pick.name));
    if (toAdd < 0 && toDrop < 0) return;
    await picks.nth(toAdd >= 0 && count < 4 ? toAdd : toDrop).click();
  }
  throw new Error(`could not pick ${names.join(', ')}`);
}

async function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? null);
}

test('compares a group: zoom and pan together, flip A/B with F, light the differences, close back', async ({
  page,
}) => {
  await indexFolderWhenIdle(page, library.root);
  try {
    const family = library.families[0]!;
    const originalName = basename(family.original);
    const named = (suffix: string) => basename(family.copies.find((copy) => copy.endsWith(suffix))!);
    await page.getByTestId('nav-duplicates').click();
    const group = page.getByTestId('duplicate-group').filter({ hasText: originalName });
    await expect(group).toHaveCount(1, { timeout: 60_000 });

    const opener = group.getByTestId('compare-group');
    await opener.click();
    const dialog = page.getByTestId('compare-dialog');
    await expect(dialog).toBeVisible();
    await expectModalHoldsFocus(page, 'compare-dialog');
    // The keeper first, as A: the original.
    await expect(dialog.getByTestId('compare-pane').first()).toHaveAttribute('data-path', family.original);

    // Three copies of one shape beside the original: a re-save, a light crop, a brightened copy.
    const resave = named('recompressed.jpg');
    const crop = named('cropped.png');
    const brightened = named('brightened.jpg');
    await pickOnly(dialog, [originalName, resave, crop, brightened]);
    const panes = dialog.getByTestId('compare-pane');
    await expect(panes).toHaveCount(4);
    await expect
      .poll(() =>
        dialog
          .getByTestId('compare-image')
          .evaluateAll((images) => images.every((i) => (i as HTMLImageElement).complete)),
      )
      .toBe(true);
    const atFit = await placements(dialog);
    expectAlike(atFit);

    // Zoom in with the wheel over one pane, then pan with a drag in another: every pane follows.
    const first = panes.nth(0).locator('.compare-pane__viewport');
    const box = (await first.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.4);
    await page.mouse.wheel(0, -500);
    await expect(dialog.getByTestId('compare-zoom')).not.toHaveText('Fit');
    const wheeled = await placements(dialog);
    expectAlike(wheeled);
    expect(wheeled[0]![0]).toBeGreaterThan(atFit[0]![0]! * 1.5);
    const third = (await panes.nth(2).locator('.compare-pane__viewport').boundingBox())!;
    await page.mouse.move(third.x + third.width / 2, third.y + third.height / 2);
    await page.mouse.down();
    await page.mouse.move(third.x + third.width / 2 - 60, third.y + third.height / 2 + 30, { steps: 4 });
    await page.mouse.up();
    const dragged = await placements(dialog);
    expectAlike(dragged);
    // Every photo moved with the drag, by the drag's distance (to the left: the wheel zoomed in near the
    // left edge, so the photo's left edge is at the pane's and cannot go further right).
    expect(dragged[0]![2]! - wheeled[0]![2]!).toBeCloseTo(-60, 0);
    expect(dragged[0]![3]! - wheeled[0]![3]!).toBeCloseTo(30, 0);
    await page.keyboard.press('+');
    const keyed = await placements(dialog);
    expectAlike(keyed);
    expect(keyed[0]![0]).toBeGreaterThan(dragged[0]![0]!);
    await page.keyboard.press('0');
    await expect(dialog.getByTestId('compare-zoom')).toHaveText('Fit');

    // The A/B flip: one pane, F shows A and B in turn, and says which.
    const announcement = dialog.getByTestId('compare-announcement');
    const sideBySide = await panes.evaluateAll((nodes) =>
      nodes.map((node) => (node as HTMLElement).dataset.path!),
    );
    const pathB = sideBySide[1]!;
    await page.keyboard.press('f');
    await expect(panes).toHaveCount(1);
    await expect(announcement).toHaveText(`Showing A: ${originalName}`);
    await expect(dialog.getByTestId('compare-flip-label')).toContainText('Showing A');
    await expect(dialog.getByRole('button', { name: 'A/B flip' })).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('f');
    await expect(announcement).toHaveText(`Showing B: ${basename(pathB)}`);
    await expect(panes).toHaveCount(1);
    await expect(panes.first()).toHaveAttribute('data-path', pathB);
    await page.keyboard.press('f');
    await expect(announcement).toHaveText(`Showing A: ${originalName}`);
    await dialog.getByRole('button', { name: 'A/B flip' }).click();
    await expect(panes).toHaveCount(4);

    // The difference overlay: a real toggle, each copy's readout against A once worked out.
    const differences = dialog.getByRole('button', { name: 'Differences' });
    const started = Date.now();
    await page.keyboard.press('d');
    await expect(differences).toHaveAttribute('aria-pressed', 'true');
    const readouts = dialog.getByTestId('difference-readout');
    await expect(readouts).toHaveCount(4);
    await expect(readouts.nth(0)).toHaveText(/^Reference/);
    for (const at of [1, 2, 3])
      await expect(readouts.nth(at)).toHaveText(/pixels differ from A/, { timeout: 30_000 });
    const seconds = (Date.now() - started) / 1000;
    await expect(dialog.getByTestId('difference-overlay')).toHaveCount(3);
    const texts = await readouts.allTextContents();
    const paths = await panes.evaluateAll((nodes) =>
      nodes.map((node) => (node as HTMLElement).dataset.path ?? ''),
    );
    const readoutOf = (name: string) => texts[paths.findIndex((path) => path.endsWith(name))]!;
    console.log(
      `Compare overlay (${seconds.toFixed(1)} s for 3 pairs):\n  ${paths.map((path, at) => `${basename(path)}: ${texts[at]}`).join('\n  ')}`,
    );
    // The re-save lines up as it is and hardly differs; the crop is found as a crop; the brightened copy differs widely.
    expect(readoutOf(resave)).toMatch(/aligned as is/);
    expect(readoutOf(crop)).toMatch(/aligned: cropped/);
    const percent = (text: string) =>
      /No pixels differ/.test(text) ? 0 : Number(/([\d.]+)% of pixels/.exec(text)?.[1] ?? NaN);
    expect(percent(readoutOf(resave))).toBeLessThan(5);
    expect(percent(readoutOf(brightened))).toBeGreaterThan(percent(readoutOf(resave)));

    await reviewScreen(page, 'compare-differences');
    await page.keyboard.press('f');
    await expect(panes).toHaveCount(1);
    await reviewScreen(page, 'compare-flip');

    // Escape closes it, and the focus is back on the button that opened it.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect.poll(() => focusedTestId(page)).toBe('compare-group');
    // C opens it again from the keyboard.
    await page.keyboard.press('c');
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  } finally {
    await callApi(page, 'removeFolder', { path: library.root });
  }
});
