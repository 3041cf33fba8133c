// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { DoppelBridge } from '../../../shared/contract';
import { createBridgeClient } from './bridgeClient';

function fakeBridge(paths: Map<File, string>, uploads: Uint8Array[], revealed: string[] = []): DoppelBridge {
  return {
    invoke: async () => {
      throw new Error('not used');
    },
    on: () => () => undefined,
    mediaBase: 'doppel-media://media',
    pickFolders: async () => [],
    pickImage: async () => null,
    pathForFile: (file) => paths.get(file) ?? '',
    uploadImage: async (bytes) => {
      uploads.push(bytes);
      return 'a'.repeat(32);
    },
    revealInFolder: async (path) => {
      revealed.push(path);
      return true;
    },
  } as DoppelBridge;
}

describe('desktop bridge client: query photos', () => {
  it('searches a dropped file by its path on disk', async () => {
    const file = new File([new Uint8Array([1, 2, 3])], 'IMG_1.jpg', { type: 'image/jpeg' });
    const uploads: Uint8Array[] = [];
    const client = createBridgeClient(fakeBridge(new Map([[file, '/Users/ann/IMG_1.jpg']]), uploads));
    expect(await client.toQueryImage(file)).toEqual({ path: '/Users/ann/IMG_1.jpg' });
    expect(uploads).toEqual([]);
  });

  it('hands a pasted picture’s bytes to the engine, since it has no file', async () => {
    const pasted = new File([new Uint8Array([9, 8, 7, 6])], 'image.png', { type: 'image/png' });
    const uploads: Uint8Array[] = [];
    const client = createBridgeClient(fakeBridge(new Map(), uploads));
    expect(await client.toQueryImage(pasted)).toEqual({ uploadId: 'a'.repeat(32) });
    expect(uploads.map((bytes) => [...bytes])).toEqual([[9, 8, 7, 6]]);
  });
});

describe('desktop bridge client: show in folder', () => {
  it('asks the desktop bridge, not the engine, to show a photo in its folder', async () => {
    const revealed: string[] = [];
    const bridge = fakeBridge(new Map(), [], revealed);
    const client = createBridgeClient(bridge);
    expect(await client.revealInFolder?.('/Users/ann/IMG_1.jpg')).toBe(true);
    expect(revealed).toEqual(['/Users/ann/IMG_1.jpg']);
    expect('reveal' in client.api).toBe(false);
  });
});
