import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { TINY_MODEL_DIR } from '../../electron/engine/testing/library-fixture';
import { makeE2eLibrary, plantedPhotoCount } from '../e2e-library';
import type { E2eFixture } from '../e2e-settings';
import { expectNoPageOverflow, groupPaths, screenshots, setSlider } from '../journey-helpers';
import { electronLaunchArgs, electronSkipReason, installedElectron } from './electron-binary';

/**
 * The browser journeys in the desktop app: Electron main, the sandboxed preload, the engine in a utility
 * process, the custom schemes. Native dialogs are answered from the test through main's `dialog` module;
 * trashed files go to a test folder (DOPPEL_TRASH_DIR) instead of the OS trash.
 */
const electronPath = installedElectron();
const root = join(__dirname, '..', '..');
const work = join(tmpdir(), 'doppel-e2e-electron');

test.describe.configure({ mode: 'serial' });
const skipReason = electronSkipReason();
test.skip(skipReason !== null, skipReason ?? '');
// One line in the run's output saying why, since list reporters show a skip without its reason.
if (skipReason && process.env.TEST_WORKER_INDEX !== undefined)
  console.log(`Electron journeys skipped: ${skipReason}`);

let app: ElectronApplication;
let page: Page;
let fixture: E2eFixture;

/** The next native open dialog answers with these paths (as if the user picked them). */
async function answerNextDialog(paths: string[]): Promise<void> {
  await app.evaluate(({ dialog }, picked) => {
    dialog.showOpenDialog = (async () => ({
      canceled: false,
      filePaths: picked,
    })) as typeof dialog.showOpenDialog;
  }, paths);
}

test.beforeAll(async () => {
  for (const built of [
    'dist/electron/main/main.js',
    'dist/electron/main/preload.js',
    'dist/renderer/index.html',
  ])
    expect(existsSync(join(root, built)), `${built} is built (npm run build)`).toBe(true);
  fixture = await makeE2eLibrary(work);
  app = await _electron.launch({
    executablePath: electronPath!,
    args: electronLaunchArgs(root),
    env: {
      ...process.env,
      DOPPEL_DATA_DIR: join(work, 'data'),
      DOPPEL_MODEL: TINY_MODEL_DIR,
      DOPPEL_TRASH_DIR: fixture.trash,
    },
  });
  page = await app.firstWindow();
  await expect(page.getByTestId('screen-library')).toBeVisible({ timeout: 60_000 });
});

test.afterAll(async () => {
  await app?.close();
});

test('loads from the app scheme with the sandboxed bridge and nothing else', async () => {
  expect(page.url()).toMatch(/^doppel-app:\/\/app\//);
  const exposed = await page.evaluate(() => ({
    bridge: Object.keys((window as unknown as { doppel?: object }).doppel ?? {}).sort(),
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
  }));
  expect(exposed).toEqual({
    bridge: [
      'invoke',
      'mediaBase',
      'on',
      'pathForFile',
      'pickFolders',
      'pickImage',
      'revealInFolder',
      'uploadImage',
    ],
    require: 'undefined',
    process: 'undefined',
  });
  const menu = await app.evaluate(
    ({ Menu }) => Menu.getApplicationMenu()?.items.map((item) => item.label) ?? [],
  );
  expect(menu).toEqual(expect.arrayContaining(['File', 'Edit', 'View']));
  // Leaving the app's pages is refused.
  await page.evaluate(() => (location.href = 'https://example.com/'));
  await page.waitForTimeout(300);
  expect(page.url()).toMatch(/^doppel-app:\/\/app\//);
});

test('adds a folder with the native picker and watches indexing reach the end', async () => {
  await page.getByTestId('nav-library').click();
  await screenshots(page, 'library-empty', 'electron');
  await answerNextDialog([fixture.library.root]);
  await page.getByTestId('pick-folder').click();
  await expect(page.getByTestId('folder-count').first()).toContainText(String(plantedPhotoCount(fixture)), {
    timeout: 90_000,
  });
  await expect(page.getByTestId('error-row')).toHaveCount(fixture.library.bad.length);
  await expectNoPageOverflow(page);
  await screenshots(page, 'library-indexed', 'electron');
});

test('searches with a picked photo and with a dropped file, copies first', async () => {
  await page.getByTestId('nav-search').click();
  await answerNextDialog([fixture.query]);
  await page.getByTestId('search-drop-zone').click();
  const family = fixture.library.families[0]!;
  const names = [family.original, ...family.copies].map((path) => basename(path));
  const results = page.getByTestId('search-result');
  await expect(results.first()).toBeVisible({ timeout: 60_000 });
  const firstSix = await results.evaluateAll((nodes) =>
    nodes.slice(0, 6).map((node) => node.textContent ?? ''),
  );
  for (const text of firstSix) expect(names.some((name) => text.includes(name))).toBe(true);
  // The picked query photo (outside the library) has its preview, served from the file the user chose.
  await expect
    .poll(() =>
      page.getByTestId('query-preview').evaluate((image) => (image as HTMLImageElement).naturalWidth),
    )
    .toBeGreaterThan(0);
  // Thumbnails come through the privileged media scheme.
  await expect
    .poll(() =>
      page.evaluate(() =>
        [...document.images].some((image) => image.src.startsWith('doppel-media:') && image.naturalWidth > 0),
      ),
    )
    .toBe(true);
  // A file from the file system (the preload turns it into its path).
  await page.getByTestId('search-file-input').setInputFiles(family.copies[0]!);
  await expect(page.getByTestId('query-name')).toContainText(basename(family.copies[0]!), {
    timeout: 30_000,
  });
  // A pasted picture has no file: its bytes go to the engine over IPC and the search still runs.
  const pasted = readFileSync(fixture.query).toString('base64');
  await page.evaluate((base64) => {
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const clipboard = new DataTransfer();
    clipboard.items.add(new File([bytes], 'pasted.jpg', { type: 'image/jpeg' }));
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard }));
  }, pasted);
  await expect(page.getByTestId('query-name')).toContainText('pasted.jpg', { timeout: 30_000 });
  await expect(page.getByTestId('error-message')).toHaveCount(0);
  await expect(results.first()).toBeVisible({ timeout: 30_000 });
  await screenshots(page, 'search', 'electron');
});

test('shows the planted groups and regroups live with the slider', async () => {
  await page.getByTestId('nav-duplicates').click();
  const groups = page.getByTestId('duplicate-group');
  await expect(groups).toHaveCount(4, { timeout: 30_000 });
  await screenshots(page, 'duplicates', 'electron');
  const max = Number(await page.getByTestId('threshold-slider').getAttribute('max'));
  await setSlider(page, 'threshold-slider', max);
  await expect(groups).toHaveCount(5);
  const burst = new Set(fixture.burst);
  expect(
    (await groupPaths(page)).some((paths) => paths.filter((path) => burst.has(path)).length === burst.size),
  ).toBe(true);
  await setSlider(page, 'threshold-slider', 0);
  await expect(groups).toHaveCount(4);
});

test('trashes copies into the test trash and they leave the view', async () => {
  const family = fixture.library.families[0]!;
  const group = page.getByTestId('duplicate-group').filter({ hasText: basename(family.original) });
  await group.getByTestId('trash-others').click();
  const confirm = page.getByTestId('confirm-ok');
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await expect(page.getByTestId('duplicate-group')).toHaveCount(3, { timeout: 30_000 });
  for (const copy of family.copies) expect(existsSync(copy)).toBe(false);
  expect(readdirSync(fixture.trash)).toHaveLength(family.copies.length);
});

test('"not duplicates" is remembered across a re-index', async () => {
  const family = fixture.library.families[1]!;
  const group = page.getByTestId('duplicate-group').filter({ hasText: basename(family.original) });
  await group.getByTestId('not-duplicates').click();
  await expect(page.getByTestId('duplicate-group')).toHaveCount(2, { timeout: 30_000 });
  await page.getByTestId('nav-library').click();
  await page.getByTestId('rescan-all').click();
  await expect(page.getByTestId('index-result')).toBeVisible({ timeout: 90_000 });
  await page.getByTestId('nav-duplicates').click();
  await expect(page.getByTestId('duplicate-group')).toHaveCount(2, { timeout: 30_000 });
});

test('when the engine dies the window stays, says so, and the engine comes back', async () => {
  const pid = await app.evaluate(
    ({ app: electronApp }) =>
      electronApp.getAppMetrics().find((metric) => metric.name === 'Doppel engine')?.pid,
  );
  expect(pid).toBeGreaterThan(0);
  process.kill(pid!, 'SIGKILL');
  await expect(page.getByTestId('engine-state')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('engine-state')).toContainText(/restarting/i);
  await screenshots(page, 'engine-restarting', 'electron');
  await expect(page.getByTestId('engine-state')).toBeHidden({ timeout: 60_000 });
  await page.getByTestId('nav-library').click();
  await page.getByTestId('nav-duplicates').click();
  await expect(page.getByTestId('duplicate-group')).toHaveCount(2, { timeout: 30_000 });
});
