import type { ModelDownloadProgress } from '../../../shared/contract/entities';
import { loadClipTextModel, type ClipTextModel } from './clip-text-model';
import { loadClipVisionModel, type ClipVisionModel, type LoadOptions } from './clip-vision-model';
import { hubModelDir } from './download/ensure-hub-model';
import { isVerified, readManifest } from './download/model-manifest';
import { ModelAvailability } from './model-availability';
import { describeModel, type ModelIdentity } from './model-identity';
import { DEFAULT_PRECISION, visionFiles } from './model-precision';
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
  /** Waits between attempts to fetch an unreachable model (tests shorten them). */
  retryDelaysMs?: readonly number[];
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
  /** The vision tower once its load has resolved (the look stage asks without waiting). */
  private loaded: ClipVisionModel | null = null;
  /** Where the vision tower is now (loading, downloading, unreachable): the similar stage's state. */
  readonly availability: ModelAvailability;

  constructor(private readonly options: ModelHolderOptions) {
    this.availability = new ModelAvailability(options.retryDelaysMs);
    this.availability.reset(options.modelName() === NO_MODEL);
  }

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
      if (this.name !== NO_MODEL) this.availability.loading();
      loading.then(
        (model) => {
          if (this.vision !== loading) return;
          this.loaded = model;
          if (model && this.resolved) this.resolved.identity = { id: model.id, thresholds: model.thresholds };
          if (model) this.availability.ready();
        },
        (error: unknown) => {
          if (this.vision !== loading) return;
          this.vision = null;
          this.retryDelay = this.availability.failed(error, this.isHubModel());
        },
      );
    }
    return this.vision;
  }

  /** After a failed load that may pass (offline): how long to wait before the next try; null: do not. */
  retryDelay: number | null = null;

  /** The vision tower if loaded now, without waiting or starting a load. */
  loadedVision(): ClipVisionModel | null {
    return this.loaded;
  }

  /**
   * Whether the vision tower loads without the network: a local folder, or a hub model whose files are all
   * downloaded and verified. Then the look stage waits for it and its one decode feeds the model too.
   */
  visionAtHand(): boolean {
    try {
      const source = this.source();
      if (!source) return false;
      if (source.kind === 'local' || this.loaded) return true;
      const dir = hubModelDir(this.options.cacheDir, source.repo);
      const manifest = readManifest(dir, source.repo, 'main');
      return visionFiles(DEFAULT_PRECISION).every((file) => isVerified(dir, manifest, file));
    } catch {
      return false; // not a model: the load says why
    }
  }

  private isHubModel(): boolean {
    try {
      return this.source()?.kind === 'hub';
    } catch {
      return false;
    }
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
    this.loaded = null;
    this.resolved = null;
    this.retryDelay = null;
    this.availability.reset(this.name === NO_MODEL);
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
    return (this.options.loadVision ?? loadClipVisionModel)(this.loadOptions(source, true));
  }

  private async loadText(): Promise<ClipTextModel> {
    const source = this.source();
    if (!source) throw new Error('there is no model to load a text tower from');
    return (this.options.loadText ?? loadClipTextModel)(this.loadOptions(source, false));
  }

  /** The vision tower's download is what the similar stage waits for; the text tower's is search's. */
  private loadOptions(source: ModelSource, vision: boolean): LoadOptions {
    return {
      source,
      cacheDir: this.options.cacheDir,
      onDownload: (progress) => {
        if (vision) this.availability.downloading(progress);
        this.options.onDownload?.(progress);
      },
    };
  }
}

async function disposeTowers(towers: (Promise<{ dispose(): Promise<void> } | null> | null)[]): Promise<void> {
  for (const tower of towers) {
    // A tower that never loaded has nothing to free; a failing dispose must not keep the others loaded.
    const loaded = await tower?.catch(() => null);
    await loaded?.dispose().catch(() => undefined);
  }
}
