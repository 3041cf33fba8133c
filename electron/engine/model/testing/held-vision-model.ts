import { loadClipVisionModel, type ClipVisionModel, type LoadOptions } from '../clip-vision-model';
import { resolveModelSource } from '../model-source';

/** A vision tower whose embedding a test can hold: the real tiny model under the id the engine expects. */
export interface HeldVisionModel {
  load: (options: LoadOptions) => Promise<ClipVisionModel>;
  /** Resolves when the first embedding call is waiting at the gate. */
  waiting: Promise<void>;
  /** Lets the held embedding through. */
  release(): void;
  loads: number;
}

/**
 * Loads the tiny model from `modelDir` (no download) whatever source the engine asks for, naming it by
 * the engine's id, so a hub model name can stand for it: the engine then treats the model as not at hand
 * and looks without it, leaving every vector to the embed stage. With `held`, the first embedding (the
 * embed stage's first batch) waits until `release()`; later ones (a search's query photo) go through.
 */
export function heldVisionModel(modelDir: string, held: boolean): HeldVisionModel {
  let release!: () => void;
  const gate = held ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
  let arrived!: () => void;
  const waiting = new Promise<void>((resolve) => (arrived = resolve));
  let first = true;
  const result: HeldVisionModel = {
    waiting,
    release: () => release?.(),
    loads: 0,
    load: async (options) => {
      result.loads++;
      const real = await loadClipVisionModel({ ...options, source: resolveModelSource(modelDir) });
      return {
        ...real,
        id: options.source.id,
        embed: async (pixelValues, count) => {
          if (!first) return real.embed(pixelValues, count);
          first = false;
          arrived();
          await gate;
          return real.embed(pixelValues, count);
        },
      };
    },
  };
  return result;
}
