import { z } from 'zod';
import { KeeperRuleSchema } from './keeper-rule';

/** One indexed file, as the UI and CLI see it. Vectors stay in the engine. */
export const PhotoInfoSchema = z.object({
  path: z.string(),
  /** sha256 of the file's bytes: identical files share it, and "not duplicates" marks follow it across renames. */
  hash: z.string(),
  size: z.number(),
  mtimeMs: z.number(),
  width: z.number(),
  height: z.number(),
  format: z.string(),
  /** Capture time from EXIF (ISO 8601), when the file has one. */
  takenAt: z.string().nullable(),
  /**
   * The name of the computer the file lives on, only when it is another computer's (one index shared on a
   * ClickHouse server; its `path` is then `doppel-machine:<id>:<path there>`): the file can be seen and
   * grouped here, but trashed, moved or opened only there.
   */
  machine: z.string().optional(),
});
export type PhotoInfo = z.infer<typeof PhotoInfoSchema>;

export const IndexErrorSchema = z.object({ path: z.string(), error: z.string() });
export type IndexError = z.infer<typeof IndexErrorSchema>;

export const IndexResultSchema = z.object({
  indexed: z.number(),
  skipped: z.number(),
  removed: z.number(),
  errors: z.array(IndexErrorSchema),
  cancelled: z.boolean(),
  seconds: z.number(),
});
export type IndexResult = z.infer<typeof IndexResultSchema>;

export const IndexProgressSchema = z.object({
  phase: z.enum(['scanning', 'embedding', 'pairing', 'done']),
  done: z.number(),
  total: z.number(),
  photosPerSecond: z.number(),
  etaSeconds: z.number().nullable(),
  currentFile: z.string().nullable(),
});
export type IndexProgress = z.infer<typeof IndexProgressSchema>;

export const ModelDownloadProgressSchema = z.object({
  file: z.string(),
  loadedBytes: z.number(),
  totalBytes: z.number().nullable(),
  bytesPerSecond: z.number(),
  etaSeconds: z.number().nullable(),
});
export type ModelDownloadProgress = z.infer<typeof ModelDownloadProgressSchema>;

/** 'raw+jpeg': a camera's RAW and its JPEG twin (same folder and name), one shot kept twice on purpose. */
export const DuplicateKindSchema = z.enum(['identical', 'raw+jpeg', 'same-picture', 'similar']);
export type DuplicateKind = z.infer<typeof DuplicateKindSchema>;

/**
 * How strict "same picture" is, strictest first: 'strict' takes re-saves, resizes and recompression only;
 * 'normal' (the default) also light edits, light crops, greyscale, a mirrored copy and a photo letterboxed
 * into a screenshot; 'loose' also heavier edits. Which pairs a level takes: shared/duplicates/same-picture-levels.
 */
export const SamePictureLevelSchema = z.enum(['strict', 'normal', 'loose']);
export type SamePictureLevel = z.infer<typeof SamePictureLevelSchema>;

/**
 * An edge of the near-duplicate graph between two distinct contents (hashes).
 * `distance` is the L2 distance of the unit-length embeddings (null when no model has embedded both);
 * `samePicture` is the model-free perceptual verdict (at the loosest level).
 */
export const DuplicatePairSchema = z.object({
  a: z.string(),
  b: z.string(),
  distance: z.number().nullable(),
  samePicture: z.boolean(),
  /**
   * With `samePicture`: the strictest level at which the perceptual check still calls the two the same
   * picture. Absent for pairs an older Doppel verified, which count as the default level.
   */
  samePictureLevel: SamePictureLevelSchema.optional(),
  /** A RAW and its JPEG twin (same folder and name): linked at any threshold, never bulk-trashed. */
  rawJpeg: z.boolean().optional(),
});
export type DuplicatePair = z.infer<typeof DuplicatePairSchema>;

/** Everything needed to regroup at any threshold up to `maxDistance` without the engine. */
export const DuplicateGraphSchema = z.object({
  maxDistance: z.number(),
  defaultThreshold: z.number(),
  model: z.string().nullable(),
  photos: z.array(PhotoInfoSchema),
  pairs: z.array(DuplicatePairSchema),
  /** Hash pairs the user marked "not duplicates". */
  dismissed: z.array(z.tuple([z.string(), z.string()])),
  /** Library folders marked protected: their photos are always keepers and never trashed. */
  protectedFolders: z.array(z.string()).optional(),
  /** The saved keeper rule (absent: the default), so every face suggests the same keeper. */
  keeperRule: KeeperRuleSchema.optional(),
});
export type DuplicateGraph = z.infer<typeof DuplicateGraphSchema>;

export const DuplicateItemSchema = z.object({ path: z.string(), distance: z.number() });

/**
 * Members of a group that are the same picture (identical bytes, a RAW and its JPEG twin, or the perceptual
 * check's verdict), keeper first; `distance` is to this set's keeper. `kind` is never 'similar'.
 */
export const CopySetSchema = z.object({
  kind: DuplicateKindSchema,
  keeper: z.string(),
  items: z.array(DuplicateItemSchema),
  /** What trashing every copy of the set but its keeper (and the keeper's own RAW or JPEG twin) frees. */
  reclaimableBytes: z.number(),
});
export type CopySet = z.infer<typeof CopySetSchema>;

export const DuplicateGroupSchema = z.object({
  kind: DuplicateKindSchema,
  keeper: z.string(),
  items: z.array(DuplicateItemSchema),
  reclaimableBytes: z.number(),
  /**
   * The copy sets of two or more members inside the group, the keeper's set first. A group that is one copy
   * set (identical, RAW+JPEG, same picture) holds that one set; a similar group holds one per set of copies
   * among its shots, and a shot with no copy belongs to none.
   */
  copies: z.array(CopySetSchema),
});
export type DuplicateGroup = z.infer<typeof DuplicateGroupSchema>;

export const SearchResultSchema = z.object({
  path: z.string(),
  distance: z.number(),
  photo: PhotoInfoSchema,
});
export type SearchResult = z.infer<typeof SearchResultSchema>;

export const ServerConfigSchema = z.object({
  url: z.string().url(),
  user: z.string().default('default'),
  password: z.string().default(''),
  database: z.string().default('doppel'),
});
export type ServerConfig = z.infer<typeof ServerConfigSchema>;

export const StorageSettingsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('embedded') }),
  z.object({ kind: z.literal('server'), server: ServerConfigSchema }),
]);
export type StorageSettings = z.infer<typeof StorageSettingsSchema>;

export const SettingsSchema = z.object({
  storage: StorageSettingsSchema,
  /** A model hub id (downloaded into the data folder on first use) or a local folder. */
  model: z.string(),
  thumbnailCacheDir: z.string(),
  thumbnailCacheMaxMb: z.number().int().positive(),
  /** How the suggested keeper is picked (absent: the default order). */
  keeperRule: KeeperRuleSchema.optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

/**
 * Where the model this run uses comes from: `--model` on the command line, the DOPPEL_MODEL environment
 * variable, the offline installer's bundled copy of the default model, the saved settings, or the default.
 * Only the last two follow what Settings saves.
 */
export const ModelOriginSchema = z.enum(['command-line', 'environment', 'bundled', 'settings', 'default']);
export type ModelOrigin = z.infer<typeof ModelOriginSchema>;

export const FolderSummarySchema = z.object({
  path: z.string(),
  images: z.number(),
  /** A protected (reference) folder: its photos are never trashed and always the keeper. */
  protected: z.boolean().optional(),
  /** The name of the computer it is on, when it is another computer's (an index shared on a server). */
  machine: z.string().optional(),
});

export const IndexStageNameSchema = z.enum(['identical', 'same-picture', 'similar']);
export type IndexStageName = z.infer<typeof IndexStageNameSchema>;

/**
 * One stage of indexing: identical files (no decode), same-picture copies (decoded, no model) and similar
 * shots (needs the image model). Each stage's results are listed as soon as it has them; `reason` says, in a
 * photographer's words, why a stage waits or failed (null otherwise).
 */
export const IndexStageSchema = z.object({
  name: IndexStageNameSchema,
  state: z.enum(['done', 'running', 'waiting', 'failed']),
  done: z.number(),
  total: z.number(),
  reason: z.string().nullable(),
});
export type IndexStage = z.infer<typeof IndexStageSchema>;

export const StatusSchema = z.object({
  images: z.number(),
  /** The model this run uses (which may not be the one saved in settings: see modelOrigin). */
  model: z.string(),
  modelOrigin: ModelOriginSchema,
  storage: z.enum(['embedded', 'server']),
  dataDir: z.string(),
  folders: z.array(FolderSummarySchema),
  indexing: IndexProgressSchema.nullable(),
  lastErrors: z.array(IndexErrorSchema),
  /** Each stage, in order (the engine always sends all three; optional for older engines). */
  stages: z.array(IndexStageSchema).optional(),
  /**
   * This computer among those sharing the index (a ClickHouse server): its id and the name the others show
   * for its photos. Absent embedded, where there is only one computer.
   */
  machine: z.object({ id: z.string(), name: z.string() }).optional(),
});
export type Status = z.infer<typeof StatusSchema>;
