import { requestLimits, type MethodRequest, type MethodResponse } from '../../../shared/contract';

type TrashCall = (request: MethodRequest<'trash'>) => Promise<MethodResponse<'trash'>>;

/**
 * A bulk trash can list more photos than one request may carry: send them in batches the engine accepts,
 * one after another, telling the caller after each so the list shrinks as photos go. A failed batch stops
 * the rest (what was already moved stays reported through `onBatch`).
 */
export async function trashInBatches(
  trash: TrashCall,
  paths: readonly string[],
  onBatch: (batch: MethodResponse<'trash'>) => void = () => undefined,
  batchSize: number = requestLimits.trashPaths,
): Promise<MethodResponse<'trash'>> {
  const total: MethodResponse<'trash'> = { trashed: [], failed: [] };
  for (let start = 0; start < paths.length; start += batchSize) {
    const batch = await trash({ paths: paths.slice(start, start + batchSize) });
    total.trashed.push(...batch.trashed);
    total.failed.push(...batch.failed);
    onBatch(batch);
  }
  return total;
}
