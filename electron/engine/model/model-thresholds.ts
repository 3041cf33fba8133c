/**
 * Distances are L2 between unit vectors (L2^2 = 2 * cosine distance), so published cosine figures convert:
 * Immich's duplicate default, cosine distance 0.01 for ViT-B/32, is L2 0.14 (strict: recompressed copies);
 * clip-retrieval deduplicates at cosine similarity 0.94, L2 0.35 (loose: near shots of one scene).
 * Doppel's default sits between them, at L2 0.25 (cosine similarity 0.969), and keeps every pair up to
 * L2 0.4 (cosine similarity 0.92), past clip-retrieval's loose setting, so the slider can explore without a
 * rescan. Not further: at 0.5 (similarity 0.875) skies, documents and screenshots pair up by the thousand,
 * and every pair kept is stored, loaded and sent to the UI.
 */
export interface ModelThresholds {
  /** Where the duplicate slider starts. */
  defaultThreshold: number;
  /** The pair graph keeps every pair up to here; the slider cannot go past it. */
  maxPairDistance: number;
  /** Where these numbers come from, shown in docs and `doppel status`. */
  source: string;
}

const CLIP_VIT_B32: ModelThresholds = {
  defaultThreshold: 0.25,
  maxPairDistance: 0.4,
  source:
    'CLIP ViT-B/32: between Immich (cosine 0.01 = L2 0.14) and clip-retrieval (similarity 0.94 = L2 0.35)',
};

const KNOWN_MODELS: Record<string, ModelThresholds> = {
  'Xenova/clip-vit-base-patch32': CLIP_VIT_B32,
  'openai/clip-vit-base-patch32': CLIP_VIT_B32,
};

/**
 * A model folder can state its own thresholds in config.json under `doppel.thresholds`; known hub models
 * have published ones; anything else gets the ViT-B/32 figures, which suit CLIP-family models whose
 * embeddings are compared after normalisation.
 */
export function thresholdsForModel(modelId: string, config: Record<string, unknown>): ModelThresholds {
  const declared = (config.doppel as { thresholds?: Partial<ModelThresholds> } | undefined)?.thresholds;
  if (
    declared &&
    typeof declared.defaultThreshold === 'number' &&
    typeof declared.maxPairDistance === 'number' &&
    declared.defaultThreshold <= declared.maxPairDistance
  ) {
    return {
      defaultThreshold: declared.defaultThreshold,
      maxPairDistance: declared.maxPairDistance,
      source: declared.source ?? 'declared by the model folder (config.json doppel.thresholds)',
    };
  }
  const known = KNOWN_MODELS[modelId];
  if (known) return known;
  return { ...CLIP_VIT_B32, source: `no published thresholds for ${modelId}; using CLIP ViT-B/32's` };
}
