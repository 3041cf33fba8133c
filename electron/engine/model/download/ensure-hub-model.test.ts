import { cpSync, existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ModelDownloadProgress } from '../../../../shared/contract/entities';
import { TINY_MODEL_DIR } from '../../testing/library-fixture';
import { loadClipVisionModel } from '../clip-vision-model';
import { visionFiles } from '../model-precision';
import { resolveModelSource } from '../model-source';
import { ensureHubModel, hubModelDir } from './ensure-hub-model';
import { startFakeModelHub, type FakeModelHub } from '../testing/fake-model-hub';
import { MANIFEST_NAME } from './model-manifest';

const repo = 'doppel-test/tiny-clip';
const files = visionFiles('fp32');
const onnx = 'onnx/vision_model.onnx';

/** The download path against a local server in the hub's URL layout: no real network anywhere. */
describe('hub model download', () => {
  let hub: FakeModelHub;
  let work: string;
  let cacheDir: string;

  beforeAll(async () => {
    hub = await startFakeModelHub(TINY_MODEL_DIR, repo);
  });
  afterAll(() => hub.close());
  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-download-'));
    cacheDir = join(work, 'models');
    hub.requests.length = 0;
  });
  afterEach(() => rm(work, { recursive: true, force: true }));

  const ensure = (extra: Partial<Parameters<typeof ensureHubModel>[0]> = {}) =>
    ensureHubModel({ repo, files, cacheDir, host: hub.host, ...extra });

  it('downloads into the data folder with growing progress, verified byte for byte', async () => {
    const events: ModelDownloadProgress[] = [];
    const dir = await ensure({ onProgress: (event) => events.push(event) });
    expect(dir).toBe(hubModelDir(cacheDir, repo));
    for (const file of files)
      expect(readFileSync(join(dir, file))).toEqual(readFileSync(join(TINY_MODEL_DIR, file)));
    const total = files.reduce((sum, file) => sum + readFileSync(join(TINY_MODEL_DIR, file)).length, 0);
    expect(events.length).toBeGreaterThan(2);
    for (let i = 1; i < events.length; i++)
      expect(events[i]!.loadedBytes).toBeGreaterThanOrEqual(events[i - 1]!.loadedBytes);
    expect(events.at(-1)).toMatchObject({ loadedBytes: total, totalBytes: total, etaSeconds: 0 });
    expect(events.every((event) => event.bytesPerSecond >= 0)).toBe(true);
    expect(existsSync(join(dir, MANIFEST_NAME))).toBe(true);
  });

  it('loads the downloaded model with the real loader, and needs no network once complete', async () => {
    const source = { kind: 'hub' as const, repo, id: repo };
    process.env.DOPPEL_MODEL_HOST = hub.host;
    try {
      const model = await loadClipVisionModel({ source, cacheDir, threads: 1 });
      expect(model.dims).toBe(40);
      await model.dispose();
    } finally {
      delete process.env.DOPPEL_MODEL_HOST;
    }
    // Offline with a complete cache: a host nothing listens on is never asked.
    hub.requests.length = 0;
    const offline = await ensure({ host: 'http://127.0.0.1:9/' });
    expect(offline).toBe(hubModelDir(cacheDir, repo));
    expect(hub.requests).toHaveLength(0);
  });

  it('never exposes a half file after a dropped connection, and the next run resumes with Range', async () => {
    hub.dropAfter.set(onnx, 50_000);
    await expect(ensure({ retries: 0 })).rejects.toThrow(/interrupted.*Run Doppel again to resume/);
    const dir = hubModelDir(cacheDir, repo);
    expect(existsSync(join(dir, onnx))).toBe(false);
    expect(existsSync(join(dir, `${onnx}.partial`))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_NAME), 'utf8'));
    expect(Object.keys(manifest.files)).not.toContain(onnx);

    await ensure();
    expect(readFileSync(join(dir, onnx))).toEqual(readFileSync(join(TINY_MODEL_DIR, onnx)));
    expect(existsSync(join(dir, `${onnx}.partial`))).toBe(false);
    const resumed = hub.requests.filter((r) => r.method === 'GET' && r.path.endsWith(onnx) && r.range);
    expect(resumed.map((r) => r.range)).toContain('bytes=50000-');
  });

  it('retries a dropped connection within one run by resuming', async () => {
    hub.dropAfter.set(onnx, 30_000);
    const dir = await ensure();
    expect(readFileSync(join(dir, onnx))).toEqual(readFileSync(join(TINY_MODEL_DIR, onnx)));
    expect(hub.requests.some((r) => r.range === 'bytes=30000-')).toBe(true);
  });

  it('fetches a truncated file again, and refuses bytes that fail the checksum', async () => {
    const dir = await ensure();
    await truncate(join(dir, onnx), 1000);
    hub.requests.length = 0;
    await ensure();
    expect(readFileSync(join(dir, onnx))).toEqual(readFileSync(join(TINY_MODEL_DIR, onnx)));
    expect(hub.requests.filter((r) => r.method === 'HEAD').map((r) => r.path)).toEqual([
      `/${repo}/resolve/main/${onnx}`,
    ]);

    const other = join(work, 'other-models');
    hub.corrupt.add(onnx);
    try {
      await expect(ensure({ cacheDir: other })).rejects.toThrow(/arrived damaged.*checksum/);
    } finally {
      hub.corrupt.delete(onnx);
    }
    expect(existsSync(join(hubModelDir(other, repo), onnx))).toBe(false);
    expect(existsSync(join(hubModelDir(other, repo), `${onnx}.partial`))).toBe(false);
  });

  it('restarts cleanly when a leftover partial file is longer than the real one', async () => {
    const dir = hubModelDir(cacheDir, repo);
    await ensure({ files: ['config.json'] });
    await mkdir(join(dir, 'onnx'), { recursive: true });
    await writeFile(join(dir, `${onnx}.partial`), Buffer.alloc(500_000, 7));
    await ensure();
    expect(readFileSync(join(dir, onnx))).toEqual(readFileSync(join(TINY_MODEL_DIR, onnx)));
  });

  it('re-downloads a file that passed its size check but onnxruntime cannot load', async () => {
    const source = { kind: 'hub' as const, repo, id: repo };
    const dir = await ensure();
    const size = readFileSync(join(dir, onnx)).length;
    await writeFile(join(dir, onnx), Buffer.alloc(size, 0x42));
    process.env.DOPPEL_MODEL_HOST = hub.host;
    try {
      await expect(loadClipVisionModel({ source, cacheDir, threads: 1 })).rejects.toThrow(
        /cannot be loaded .*downloaded again on the next run/,
      );
      const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_NAME), 'utf8'));
      expect(Object.keys(manifest.files)).not.toContain(onnx);
      const model = await loadClipVisionModel({ source, cacheDir, threads: 1 });
      expect(model.dims).toBe(40);
      await model.dispose();
    } finally {
      delete process.env.DOPPEL_MODEL_HOST;
    }
  });

  it('checks the length the download itself announces when the metadata has no size', async () => {
    hub.hideSizes = true;
    hub.dropAfter.set(onnx, 40_000);
    try {
      await expect(ensure({ retries: 0 })).rejects.toThrow(/interrupted/);
      const events: ModelDownloadProgress[] = [];
      const dir = await ensure({ onProgress: (event) => events.push(event) });
      expect(readFileSync(join(dir, onnx))).toEqual(readFileSync(join(TINY_MODEL_DIR, onnx)));
      expect(events.at(-1)!.totalBytes).toBeNull();
    } finally {
      hub.hideSizes = false;
    }
  });

  it('lets a copy of a downloaded model (an installer bundle) keep the hub id, unless its bytes differ', async () => {
    const dir = await ensure();
    const bundle = join(work, 'bundled-model');
    cpSync(dir, bundle, { recursive: true });
    expect(resolveModelSource(bundle)).toMatchObject({ kind: 'local', dir: bundle, id: repo });
    const bytes = readFileSync(join(bundle, onnx));
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    await writeFile(join(bundle, onnx), bytes);
    expect(resolveModelSource(bundle).id).toMatch(/^local:bundled-model@/);
  });

  it('says in one line what to do when offline with nothing downloaded', async () => {
    const error = await ensure({ host: 'http://127.0.0.1:9/' }).catch((failure: Error) => failure);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /Cannot download the model doppel-test\/tiny-clip from http:\/\/127\.0\.0\.1:9\//,
    );
    expect((error as Error).message).toMatch(/--model DIR/);
    expect((error as Error).message.split('\n')).toHaveLength(1);
  });

  it('names a model the hub does not have', async () => {
    await expect(ensure({ repo: 'doppel-test/nothing-here' })).rejects.toThrow(/has no file at .*HTTP 404/);
  });
});
