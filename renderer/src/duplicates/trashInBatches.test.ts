import { describe, expect, it } from 'vitest';
import { engineMethods, requestLimits } from '../../../shared/contract';
import { trashInBatches } from './trashInBatches';

const paths = (count: number) => Array.from({ length: count }, (_, i) => `/photos/${i}.jpg`);

describe('trashInBatches', () => {
  it('sends a bulk trash larger than one request allows in batches the engine accepts', async () => {
    const sent: number[] = [];
    const reported: number[] = [];
    const all = paths(2 * requestLimits.trashPaths + 1);
    const result = await trashInBatches(
      async (request) => {
        // What the engine does with every request: validate it against the contract.
        engineMethods.trash.request.parse(request);
        sent.push(request.paths.length);
        const [first, ...rest] = request.paths;
        return { trashed: rest, failed: [{ path: first!, error: 'changed since it was indexed' }] };
      },
      all,
      (batch) => reported.push(batch.trashed.length),
    );
    expect(sent).toEqual([requestLimits.trashPaths, requestLimits.trashPaths, 1]);
    expect(reported).toEqual([requestLimits.trashPaths - 1, requestLimits.trashPaths - 1, 0]);
    expect(result.trashed).toHaveLength(all.length - 3);
    expect(result.failed.map((failure) => failure.path)).toEqual([
      all[0],
      all[requestLimits.trashPaths],
      all[2 * requestLimits.trashPaths],
    ]);
  });

  it('stops at a batch that fails, after reporting the ones that went', async () => {
    const reported: string[][] = [];
    let calls = 0;
    const attempt = trashInBatches(
      async (request) => {
        if (++calls === 2) throw new Error('The engine stopped.');
        return { trashed: request.paths, failed: [] };
      },
      paths(5),
      (batch) => reported.push(batch.trashed),
      2,
    );
    await expect(attempt).rejects.toThrow('The engine stopped.');
    expect(reported).toEqual([['/photos/0.jpg', '/photos/1.jpg']]);
    expect(calls).toBe(2);
  });
});
