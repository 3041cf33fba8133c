import type { ClipVisionModel } from './clip-vision-model';

/** What the model's worker knows once loaded: everything of a ClipVisionModel but its two methods. */
export type VisionModelDescription = Omit<ClipVisionModel, 'embed' | 'dispose'>;

export type ToVisionWorker =
  { kind: 'embed'; id: number; pixels: Float32Array; count: number } | { kind: 'dispose' };

export type FromVisionWorker =
  | { kind: 'ready'; model: VisionModelDescription }
  | { kind: 'failed'; message: string }
  | { kind: 'embedded'; id: number; vectors: Float32Array }
  | { kind: 'embed-failed'; id: number; message: string };
