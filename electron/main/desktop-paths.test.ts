import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../engine/platform/data-dir';
import { desktopPaths, engineEnvironment } from './desktop-paths';

describe('desktopPaths', () => {
  it('uses <appData>/Doppel, the folder the CLI and serve use, with Chromium’s data apart', () => {
    const appData = join('/home/ann', '.config');
    const paths = desktopPaths({}, appData);
    expect(paths.dataDir).toBe(join(appData, 'Doppel'));
    expect(paths.dataDir).toBe(defaultDataDir({ XDG_CONFIG_HOME: appData }, 'linux'));
    expect(paths.sessionDataDir).toBe(join(appData, 'Doppel', 'chromium'));
  });

  it('honours DOPPEL_DATA_DIR', () => {
    expect(desktopPaths({ DOPPEL_DATA_DIR: '/tmp/lib' }, '/x').dataDir).toBe('/tmp/lib');
  });
});

describe('engineEnvironment', () => {
  it('passes the data folder, token and test overrides, and points at a bundled model', () => {
    const env = engineEnvironment(
      { DOPPEL_MODEL: '/m', DOPPEL_TRASH_DIR: '/t', PATH: '/bin' },
      { dataDir: '/d', mediaToken: 'tok', resourcesPath: '/app/resources' },
    );
    expect(env).toMatchObject({
      DOPPEL_DATA_DIR: '/d',
      DOPPEL_MEDIA_TOKEN: 'tok',
      DOPPEL_MODEL: '/m',
      DOPPEL_TRASH_DIR: '/t',
      PATH: '/bin',
      DOPPEL_BUNDLED_MODEL: join('/app/resources', 'model'),
    });
    expect(
      engineEnvironment({}, { dataDir: '/d', mediaToken: 't', resourcesPath: null }).DOPPEL_BUNDLED_MODEL,
    ).toBeUndefined();
  });
});
