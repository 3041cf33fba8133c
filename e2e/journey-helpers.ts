import { AxeBuilder } from '@axe-core/playwright';
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

const themes = ['light', 'dark'] as const;

/** Runs `check` with the page forced into each theme, then gives the theme back to the system. */
async function inEachTheme(
  page: Page,
  check: (theme: (typeof themes)[number]) => Promise<void>,
): Promise<void> {
  for (const theme of themes) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    await check(theme);
  }
  await page.evaluate(() => document.documentElement.removeAttribute('data-theme'));
}

/**
 * Saves the screen as the user sees it (the window, not a stitched full page: the app scrolls inside its
 * panes), in light and dark, under test-results/screens/<prefix>/.
 */
export async function screenshots(page: Page, name: string, prefix = 'browser'): Promise<void> {
  const dir = join('test-results', 'screens', prefix);
  mkdirSync(dir, { recursive: true });
  await inEachTheme(page, async (theme) => {
    // Let thumbnails that are still loading arrive, so the pictures show what users see.
    await page
      .waitForFunction(() => [...document.images].every((image) => image.complete), undefined, {
        timeout: 5000,
      })
      .catch(() => undefined);
    await page.screenshot({ path: join(dir, `${name}-${theme}.png`) });
  });
}

/**
 * axe on the screen as it is, in light and dark: no serious or critical violation (contrast, names, roles,
 * labels). Each finding is listed with the elements it concerns, so a failure says what to fix.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  await inEachTheme(page, async (theme) => {
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        rule: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes
          .slice(0, 5)
          .map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
      }));
    expect(serious, `axe on ${name} (${theme})`).toEqual([]);
  });
}

/** Both of the above: what the user sees saved, and checked by axe, in both themes. */
export async function reviewScreen(page: Page, name: string): Promise<void> {
  await screenshots(page, name);
  await expectAccessible(page, name);
}

/** The page never scrolls as a whole: panes scroll inside the window, so nothing hides below the fold. */
export async function expectNoPageOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollHeight - document.documentElement.clientHeight,
  );
  expect(overflow).toBeLessThanOrEqual(1);
}

/** Calls the engine as the UI does; fails the journey on an error answer. */
export async function callApi(page: Page, method: string, data: unknown): Promise<unknown> {
  const response = await page.request.post(`/api/${method}`, { headers: { 'X-Doppel': '1' }, data });
  expect(response.ok()).toBe(true);
  return response.json();
}

/**
 * Indexes `path` once no other run (an earlier journey, the library watcher) is indexing, and waits for that
 * run to end, so a spec can add a folder of its own without disturbing the others.
 */
export async function indexFolderWhenIdle(page: Page, path: string): Promise<void> {
  const indexing = async () => ((await callApi(page, 'status', {})) as { indexing: unknown }).indexing;
  await expect.poll(indexing, { timeout: 60_000 }).toBeNull();
  await expect
    .poll(
      async () =>
        (
          await page.request.post('/api/indexFolders', {
            headers: { 'X-Doppel': '1' },
            data: { paths: [path] },
          })
        ).status(),
      { timeout: 60_000 },
    )
    .toBe(200);
  await expect.poll(indexing, { timeout: 120_000 }).toBeNull();
}

/**
 * The dialog `testId` is a native modal (the browser made the page behind inert) and holds the focus: Tab and
 * Shift+Tab go round inside it, and a control behind it cannot take the focus.
 */
export async function expectModalHoldsFocus(page: Page, testId: string): Promise<void> {
  const dialog = page.getByTestId(testId);
  expect(await dialog.evaluate((element) => element.matches('dialog:modal'))).toBe(true);
  const focusInside = () => dialog.evaluate((element) => element.contains(document.activeElement));
  expect(await focusInside()).toBe(true);
  for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    expect(await focusInside(), `focus after ${key}`).toBe(true);
  }
  await page.getByTestId('nav-library').evaluate((behind) => (behind as HTMLElement).focus());
  expect(await focusInside(), 'a control behind the dialog took the focus').toBe(true);
}
