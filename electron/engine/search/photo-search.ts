import type { MethodRequest, MethodResponse } from '../../../shared/contract/methods';
import { embedSearchQuery } from '../model/embed-query';
import type { ModelHolder } from '../model/model-holder';
import { ConcurrencyLimiter } from '../platform/concurrency-limiter';
import type { UploadStore } from '../platform/upload-store';
import type { Database } from '../store/database';
import { PhotoStore } from '../store/photo-store';
import { UserError } from '../user-error';

export interface PhotoSearchOptions {
  db: Database;
  models: ModelHolder;
  uploads: UploadStore;
  /** Whether photos are being re-read with a newly chosen model (an empty answer says so). */
  reembedding: () => boolean;
}

/** Search the library by a photo, by words, or both (plus and minus words), with the current model. */
export class PhotoSearch {
  constructor(private readonly options: PhotoSearchOptions) {}

  /**
   * Two searches at once, a few more waiting: each may decode a query photo and run the model, so a burst of
   * searches waits its turn instead of holding a decoded photo per request.
   */
  private readonly searchSlots = new ConcurrencyLimiter({
    limit: 2,
    maxWaiting: 16,
    busyMessage: 'Doppel is busy with other searches: try again in a moment.',
  });

  search(request: MethodRequest<'search'>): Promise<MethodResponse<'search'>> {
    return this.searchSlots.run(() => this.runSearch(request));
  }

  private async runSearch(request: MethodRequest<'search'>): Promise<MethodResponse<'search'>> {
    const { models, uploads } = this.options;
    const model = await models.visionModel();
    if (!model) throw new UserError('no-model', 'Search needs a model: run without --model none.');
    const vector = await embedSearchQuery(
      {
        imagePath: request.image ? uploads.queryImagePath(request.image) : undefined,
        text: request.text,
        plus: request.plus,
        minus: request.minus,
      },
      model,
      () => models.textModel(),
    );
    const photos = new PhotoStore(this.options.db);
    const results = await photos.nearest(model.id, vector, request.limit ?? 50, request.maxDistance);
    if (request.image && 'uploadId' in request.image) void uploads.sweepQuietly();
    if (results.length === 0) await this.explainUnembeddedLibrary(model.id);
    return { results };
  }

  /** An empty answer because no photo has this model's vector yet is not "nothing looks alike". */
  private async explainUnembeddedLibrary(modelId: string): Promise<void> {
    const photos = new PhotoStore(this.options.db);
    const total = await photos.count();
    if (total === 0 || (await photos.countWithModel(modelId)) > 0) return;
    throw new UserError(
      'not-embedded',
      `None of the ${total} photos in the library has been read with the model ${this.options.models.name} yet: ${this.options.reembedding() ? 'they are being re-read now, try again in a moment' : 'run doppel index (or Rescan in Library) to re-read them'}.`,
    );
  }
}
