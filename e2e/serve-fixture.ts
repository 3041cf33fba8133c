import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../electron/cli/run-cli';
import { makePlantedLibrary, TINY_MODEL_DIR } from '../electron/engine/testing/library-fixture';
import { burstFramePixels, photoLikePixels, rawImage, writeImage } from '../electron/engine/testing/photo-fixtures';
import { E2E_PORT, E2E_TOKEN, E2E_WORK, fixtureFile } from './e2e-settings';

/**
 * Playwright's web server: a planted library (copies, an exact twin, smooth look-alikes, junk, a burst),
 * then `doppel serve` with the tiny model, the embedded ClickHouse and a test trash folder.
 */
async function start(): Promise<void> {
  rmSync(E2E_WORK, { recursive: true, force: true });
  mkdirSync(E2E_WORK, { recursive: true });
  const library = await makePlantedLibrary(join(E2E_WORK, 'Photos'), 3);
  const burst: string[] = [];
  for (let frame = 0; frame < 4; frame++) {
    const path = join(library.root, 'burst', `frame-${frame}.jpg`);
    await writeImage(path, rawImage(burstFramePixels(31337, frame)).jpeg({ quality: 90 }));
    burst.push(path);
  }
  const query = join(E2E_WORK, 'query', 'edited-copy.jpg');
  await writeImage(query, rawImage(photoLikePixels(7919)).resize(400, 300).jpeg({ quality: 60 }));
  const trash = join(E2E_WORK, 'trash');
  writeFileSync(fixtureFile, JSON.stringify({ library, burst, query, trash }, null, 2));
  process.env.DOPPEL_TRASH_DIR = trash;
  process.env.DOPPEL_SERVE_TOKEN = E2E_TOKEN;
  const code = await runCli(['serve', '--data-dir', join(E2E_WORK, 'data'), '--model', TINY_MODEL_DIR, '--port', String(E2E_PORT)]);
  process.exit(code);
}

void start();
