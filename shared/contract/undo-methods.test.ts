import { describe, expect, it } from 'vitest';
import { engineMethods, requestLimits } from './methods';

const id = '0f0e0d0c-0b0a-4909-8807-060504030201';

describe('the undo, move and sidecar requests', () => {
  it('restoreTrashed takes only action ids Doppel makes, at most 1,000', () => {
    const { request } = engineMethods.restoreTrashed;
    expect(request.safeParse({ actionIds: [id] }).success).toBe(true);
    for (const bad of ['../../etc/passwd', '/home/ana/IMG_1.jpg', '', `${id} `, id.toUpperCase()])
      expect(request.safeParse({ actionIds: [bad] }).success, bad).toBe(false);
    expect(request.safeParse({ actionIds: [] }).success).toBe(false);
    expect(request.safeParse({ actionIds: Array(requestLimits.restoreActions + 1).fill(id) }).success).toBe(
      false,
    );
  });

  it('moveToFolder needs a destination and at most as many photos as a trash', () => {
    const { request } = engineMethods.moveToFolder;
    expect(request.safeParse({ paths: ['/a.jpg'], destination: '/archive' }).success).toBe(true);
    expect(request.safeParse({ paths: ['/a.jpg'] }).success).toBe(false);
    expect(request.safeParse({ paths: ['/a.jpg'], destination: '' }).success).toBe(false);
    const tooMany = Array.from({ length: requestLimits.trashPaths + 1 }, (_, i) => `/p/${i}.jpg`);
    expect(request.safeParse({ paths: tooMany, destination: '/archive' }).success).toBe(false);
  });

  it('keepMetadata caps the photos of all its sets together', () => {
    const { request } = engineMethods.keepMetadata;
    const copies = Array.from({ length: requestLimits.trashPaths / 2 + 1 }, (_, i) => `/p/${i}.jpg`);
    expect(request.safeParse({ sets: [{ keeper: '/k.jpg', copies }] }).success).toBe(true);
    expect(
      request.safeParse({
        sets: [
          { keeper: '/k.jpg', copies },
          { keeper: '/l.jpg', copies },
        ],
      }).success,
    ).toBe(false);
  });
});
