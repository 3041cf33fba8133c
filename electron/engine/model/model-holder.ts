import type { ModelDownloadProgress } from '../../../shared/contract/entities';
import { loadClipTextModel, type ClipTextModel } from './clip-text-model';
import { loadClipVisionModel, type ClipVisionModel, type LoadOptions } from './clip-vision-model';
import { describeModel, type ModelIdentity } from './model-identity';
import { resolveModelSource, type ModelSource } from './model-source';

/** 'none' in settings or flags: index without a model (identical and same-picture copies only). */
export const NO_MODEL = 'none';

export interface ModelHolderOptions {
  /** The model named now (flags over settings); read afresh after every `swap()`. */
  modelName: () => string;
  /** Hub downloads land here (the data folder's models/). */
  cacheDir: string;
  onDownload?: (progress: ModelDownloadProgress) => void;
  /** The loaders; tests pass fakes to count loads and disposals. */
  loadVision?: (options: LoadOptions) => Promise<ClipVisionModel>;
  loadText?: (options: LoadOptions) => Promise<ClipTextModel>;
}

/** Frees the towers a swap took out of service; a second call waits for the first and frees nothing more. */
export type RetiredTowers = () => Promise<void>;

/**
 * The engine's model: where it comes from, its identity, and its two towers, each loaded on first use and
 * kept. A local folder's id includes a digest of its vision tower (hundreds of MB), so the source is
 * resolved once per model and kept until the model changes (`swap()`), not hashed on every graph load.
 * A failed load (no network, a damaged download) is not kept: the next call tries again.
 */
export class ModelHolder {
  private resolved: { name: string; source: ModelSource; identity: ModelIdentity | null } | null = null;
  private vision: Promise<ClipVisionModel | null> | null = null;
  private text: Promise<ClipTextModel> | null = null;

  constructor(private readonly options: ModelHolderOptions) {}

  get name(): string {
    return this.options.modelName();
  }

  /** Where the current model comes from; null without a model. Throws for a name that is no model. */
  source(): ModelSource | null {
    const name = this.name;
    if (name === NO_MODEL) return null;
    if (this.resolved?.name !== name)
      this.resolved = { name, source: resolveModelSource(name), identity: null };
    return this.resolved.source;
  }

  /**
   * The id and thresholds the stored vectors and pairs go by, without loading or downloading anything:
   * reviewing duplicates must work offline. Once the vision tower is loaded, its own identity (from the same
   * definition, with the downloaded config) is the one kept.
   */
  identity(): ModelIdentity | null {
    const source = this.source();
    if (!source || !this.resolved) return null;
    this.resolved.identity ??= describeModel(source, this.options.cacheDir);
    return this.resolved.identity;
  }

  /** The vision tower, loaded (or downloaded) on first use: indexing and search need it, duplicates do not. */
  visionModel(): Promise<ClipVisionModel | null> {
    if (!this.vision) {
      const loading = this.loadVision();
      this.vision = loading;
      loading.then(
        (model) => {
          if (model && this.vision === loading && this.resolved)
            this.resolved.identity = { id: model.id, thresholds: model.thresholds };
        },
        () => {
          if (this.vision === loading) this.vision = null;
        },
      );
    }
    return this.vision;
  }

  /** The text tower and tokenizer, loaded (or downloaded) on the first search by words. */
  textModel(): Promise<ClipTextModel> {
    if (!this.text) {
      const loading = this.loadText();
      this.text = loading;
      loading.catch(() => {
        if (this.text === loading) this.text = null;
      });
    }
    return this.text;
  }

  /**
   * Take the loaded towers out of service after a model change: the next call loads the new model at once,
   * while a run still using the old towers finishes with them; it frees them with the returned function.
   */
  swap(): RetiredTowers {
    const retired = [this.vision, this.text];
    this.vision = null;
    this.text = null;
    this.resolved = null;
    let freeing: Promise<void> | null = null;
    return () => (freeing ??= disposeTowers(retired));
  }

  /** Free both towers (closing). */
  dispose(): Promise<void> {
    return this.swap()();
  }

  private async loadVision(): Promise<ClipVisionModel | null> {
    const source = this.source();
    if (!source) return null;
    return (this.options.loadVision ?? loadClipVisionModel)(this.loadOptions(source));
  }

  private async loadText(): Promise<ClipTextModel> {
    const source = this.source();
    if (!source) throw new Error('there is no model to load a text tower from');
    return (this.options.loadText ?? loadClipTextModel)(this.loadOptions(source));
  }

  private loadOptions(source: ModelSource): LoadOptions {
    return { source, cacheDir: this.options.cacheDir, onDownload: this.options.onDownload };
  }
}

async function disposeTowers(towers: (Promise<{ dispose(): Promise<void> } | null> | null)[]): Promise<void> {
  for (const tower of towers) {
    // A tower that never loaded has nothing to free; a failing dispose must not keep the others loaded.
    const loaded = await tower?.catch(() => null);
    await loaded?.dispose().catch(() => undefined);
  }
}
