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
    const results = await photos.nearestPhotos(model.id, vector, request.limit ?? 50, request.maxDistance);
    if (request.image && 'uploadId' in request.image) void uploads.sweepQuietly();
    // While indexing runs (or the model waits to be fetched) only part of the library has vectors: the
    // answer says how much it searched, instead of refusing or passing "nothing alike" off as complete.
    const coverage = { embedded: await photos.countWithModel(model.id), total: await photos.count() };
    return { results, coverage };
  }
}
