import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Moves a range input the way a drag does: React sees `input` and `change`. The browser snaps to the step. */
export async function setSlider(page: Page, testId: string, value: number): Promise<void> {
  await page.getByTestId(testId).evaluate((element, next) => {
    const input = element as HTMLInputElement;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setter.call(input, String(next));
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

/** The photo paths of each duplicate group on screen, in screen order. */
export async function groupPaths(page: Page): Promise<string[][]> {
  return page
    .getByTestId('duplicate-group')
    .evaluateAll((groups) =>
      groups.map((group) =>
        [...group.querySelectorAll<HTMLElement>('[data-testid="photo-card"]')].map(
          (card) => card.dataset.path ?? '',
        ),
      ),
    );
}

/** The path of the photo card that has keyboard focus, or null. */
export async function focusedPath(page: Page): Promise<string | null> {
  return page.evaluate(
    () =>
      document.querySelector<HTMLElement>('[data-testid="photo-card"][data-focused="true"]')?.dataset.path ??
      null,
  );
}

/** Whether the card for `path` carries the keeper badge. */
export async function isKeeper(page: Page, path: string): Promise<boolean> {
  return page.evaluate((wanted) => {
    const card = [...document.querySelectorAll<HTMLElement>('[data-testid="photo-card"]')].find(
      (node) => node.dataset.path === wanted,
    );
    return card?.querySelector('[data-testid="keeper-badge"]') != null;
  }, path);
}

/** The largest step-aligned value strictly below `distance`, and the smallest at or above it. */
export function sliderValuesAround(distance: number, step: number): { below: number; atOrAbove: number } {
  const units = distance / step;
  const below = (Math.ceil(units - 1e-9) - 1) * step;
  const atOrAbove = Math.ceil(units - 1e-9) * step;
  return { below: Number(below.toFixed(6)), atOrAbove: Number(atOrAbove.toFixed(6)) };
}

/**
 * Saves the screen as the user sees it (the window, not a stitched full page: the app scrolls inside its
 * panes), in light and dark, under test-results/screens/<prefix>/.
 */
export async function screenshots(page: Page, name: string, prefix = 'browser'): Promise<void> {
  const dir = join('test-results', 'screens', prefix);
  mkdirSync(dir, { recursive: true });
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    // Let thumbnails that are still loading arrive, so the pictures show what users see.
    await page
      .waitForFunction(() => [...document.images].every((image) => image.complete), undefined, {
        timeout: 5000,
      })
      .catch(() => undefined);
    await page.screenshot({ path: join(dir, `${name}-${theme}.png`) });
  }
  await page.evaluate(() => document.documentElement.removeAttribute('data-theme'));
}

/** The page never scrolls as a whole: panes scroll inside the window, so nothing hides below the fold. */
export async function expectNoPageOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollHeight - document.documentElement.clientHeight,
  );
  expect(overflow).toBeLessThanOrEqual(1);
}
