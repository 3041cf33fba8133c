import { describe, expect, it } from 'vitest';
import { requestLimits, type MethodRequest } from '../../../shared/contract';
import { keepMetadataFirst } from './keepMetadataFirst';

describe('keepMetadataFirst', () => {
  it('keeps back the copies of a keeper whose sidecar failed, and lets the rest go', async () => {
    const asked: MethodRequest<'keepMetadata'>[] = [];
    const result = await keepMetadataFirst(
      async (request) => {
        asked.push(request);
        return {
          kept: [{ keeper: '/a.jpg', sidecar: '/a.jpg.xmp', fields: ['gps'] }],
          failed: [{ path: '/b.jpg', error: 'its metadata could not be kept: read-only drive' }],
        };
      },
      [
        { keeper: '/a.jpg', copies: ['/a-copy.jpg', '/a-other.jpg'] },
        { keeper: '/b.jpg', copies: ['/b-copy.jpg'] },
        { keeper: '/c.jpg', copies: ['/c-copy.jpg'] },
      ],
      ['/a-copy.jpg', '/b-copy.jpg', '/loose.jpg'],
    );
    // Only the copies that are leaving are sent; a set none of whose copies leave is not.
    expect(asked).toEqual([
      {
        sets: [
          { keeper: '/a.jpg', copies: ['/a-copy.jpg'] },
          { keeper: '/b.jpg', copies: ['/b-copy.jpg'] },
        ],
      },
    ]);
    expect(result).toEqual({
      paths: ['/a-copy.jpg', '/loose.jpg'],
      blocked: [{ path: '/b-copy.jpg', error: 'kept back: its metadata could not be kept: read-only drive' }],
      kept: 1,
    });
  });

  it('sends a bulk clean-up in requests the engine accepts', async () => {
    const sizes: number[] = [];
    const sets = Array.from({ length: 3 }, (_, i) => ({
      keeper: `/k${i}.jpg`,
      copies: Array.from({ length: requestLimits.trashPaths / 2 }, (_, j) => `/k${i}-${j}.jpg`),
    }));
    await keepMetadataFirst(
      async (request) => {
        sizes.push(request.sets.reduce((sum, set) => sum + set.copies.length, 0));
        return { kept: [], failed: [] };
      },
      sets,
      sets.flatMap((set) => set.copies),
    );
    expect(sizes).toEqual([requestLimits.trashPaths, requestLimits.trashPaths / 2]);
  });
});
