import { z } from 'zod';
import {
  DuplicateGraphSchema,
  DuplicateGroupSchema,
  DuplicateKindSchema,
  IndexErrorSchema,
  IndexResultSchema,
  SamePictureLevelSchema,
  SearchResultSchema,
  ServerConfigSchema,
  SettingsSchema,
  StatusSchema,
} from './entities';
import { KeeperRuleSchema } from './keeper-rule';
import { UPLOAD_ID_PATTERN } from './transport';

/**
 * How much one request may ask for, so a request costs what a real action costs and not a gigabyte:
 * a bulk trash of every duplicate in a large library fits in a few batches of `trashPaths` (the UI sends
 * batches), "not duplicates" pairs every photo with every other (1000 photos are half a million pairs),
 * and a path is at most 32,767 characters (Windows' long-path limit; Linux and macOS allow far less).
 */
export const requestLimits = {
  trashPaths: 10_000,
  notDuplicatePaths: 1_000,
  indexFolders: 1_000,
  /** One undo names the trash actions of one user action: a bulk trash sends batches, one action each. */
  restoreActions: 1_000,
  pathCharacters: 32_767,
} as const;

const PathSchema = z
  .string()
  .min(1)
  .max(requestLimits.pathCharacters, {
    error: `is too long for a path (over ${requestLimits.pathCharacters} characters)`,
  });

function pathList(min: number, max: number, what: string) {
  return z
    .array(PathSchema)
    .min(min)
    .max(max, { error: `holds too many: at most ${max} ${what} at once` });
}

/** A query image: a file on the engine's machine, or bytes the browser uploaded first (see `uploadPath`). */
export const QueryImageSchema = z.union([
  z.object({ path: PathSchema }),
  z.object({ uploadId: z.string().regex(UPLOAD_ID_PATTERN) }),
]);
export type QueryImage = z.infer<typeof QueryImageSchema>;

/** Words added to (plus) or taken from (minus) a query, with how strongly; weight 1 counts like the photo. */
export const QueryTermSchema = z.object({
  text: z.string().trim().min(1).max(1000),
  weight: z.number().positive().max(10).default(1),
});
export type QueryTerm = z.input<typeof QueryTermSchema>;

/** Trash action ids are UUIDs the engine made. */
export const TRASH_ACTION_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function method<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res) {
  return { request, response };
}

/**
 * The engine's whole API. Preload, Electron main, the utility-process host, the HTTP host and the CLI
 * all derive their channels, routes and validation from this one table.
 */
export const engineMethods = {
  status: method(z.object({}), StatusSchema),
  indexFolders: method(
    z.object({ paths: pathList(1, requestLimits.indexFolders, 'folders') }),
    IndexResultSchema,
  ),
  cancelIndexing: method(z.object({}), z.object({ cancelled: z.boolean() })),
  removeFolder: method(z.object({ path: PathSchema }), z.object({ removed: z.number() })),
  /** Mark a library folder protected (its photos are never trashed and always kept) or not. */
  protectFolder: method(
    z.object({ path: PathSchema, protected: z.boolean() }),
    z.object({ path: z.string(), protected: z.boolean() }),
  ),
  listIndexErrors: method(z.object({}), z.object({ errors: z.array(IndexErrorSchema) })),
  search: method(
    z
      .object({
        /** Photos that look like this one. Optional when `text` or `plus` words are given. */
        image: QueryImageSchema.optional(),
        /** Photos that match these words ("a dog on a beach"), through the model's text tower. */
        text: z.string().trim().min(1).max(1000).optional(),
        /** rclip-style combined query: pull the results toward these words... */
        plus: z.array(QueryTermSchema).max(20).optional(),
        /** ...and away from these. */
        minus: z.array(QueryTermSchema).max(20).optional(),
        limit: z.number().int().positive().max(1000).default(50),
        maxDistance: z.number().nonnegative().optional(),
      })
      .refine((request) => request.image || request.text || (request.plus?.length ?? 0) > 0, {
        message: 'a search needs a photo or words',
      }),
    z.object({
      results: z.array(SearchResultSchema),
      /**
       * How much of the library the search saw: photos holding the model's vector, of all photos. While
       * indexing runs (or the model waits to be fetched) it is fewer than `total`, and the results are over
       * those photos only.
       */
      coverage: z.object({ embedded: z.number(), total: z.number() }).optional(),
    }),
  ),
  duplicateGraph: method(z.object({}), DuplicateGraphSchema),
  duplicates: method(
    z.object({
      maxDistance: z.number().nonnegative().optional(),
      kinds: z.array(DuplicateKindSchema).max(DuplicateKindSchema.options.length).optional(),
      /** Suggest keepers by this rule instead of the saved one (the CLI's --keeper-rule). */
      keeperRule: KeeperRuleSchema.optional(),
      /** How strict "same picture" is; the default level when absent. */
      samePicture: SamePictureLevelSchema.optional(),
    }),
    z.object({
      maxDistance: z.number(),
      /** The level the groups were made at. */
      samePicture: SamePictureLevelSchema.optional(),
      groups: z.array(DuplicateGroupSchema),
    }),
  ),
  trash: method(
    z.object({ paths: pathList(1, requestLimits.trashPaths, 'photos') }),
    z.object({
      trashed: z.array(z.string()),
      failed: z.array(IndexErrorSchema),
      /** Undoes this trash (`restoreTrashed`); null when Doppel cannot put the files back. */
      actionId: z.string().nullable().optional(),
      /** False where the OS trash took the files (it does not say where): restore them from the Trash. */
      restorable: z.boolean().optional(),
    }),
  ),
  /**
   * "Move the others to a folder" instead of the trash: the trash's checks, into a folder outside the
   * library (an archive drive), never replacing a file there (a clash gets a suffix). Moved photos leave
   * the library.
   */
  moveToFolder: method(
    z.object({ paths: pathList(1, requestLimits.trashPaths, 'photos'), destination: PathSchema }),
    z.object({
      moved: z.array(z.object({ path: z.string(), to: z.string() })),
      failed: z.array(IndexErrorSchema),
    }),
  ),
  /**
   * Before copies go (trash or move): what each set's copies have that its keeper lacks (capture date, GPS
   * position, rating, title, description, keywords) is written into an XMP sidecar beside the keeper
   * (`<keeper>.xmp`, merged into one that is there); the photo files are never rewritten. A set whose
   * sidecar could not be written is in `failed` (by keeper): its copies should stay.
   */
  keepMetadata: method(
    z.object({
      sets: z
        .array(z.object({ keeper: PathSchema, copies: pathList(1, requestLimits.trashPaths, 'photos') }))
        .min(1)
        .max(requestLimits.trashPaths, {
          error: `holds too many: at most ${requestLimits.trashPaths} sets at once`,
        })
        .refine((sets) => sets.reduce((sum, set) => sum + set.copies.length, 0) <= requestLimits.trashPaths, {
          message: `holds too many: at most ${requestLimits.trashPaths} photos at once`,
        }),
    }),
    z.object({
      kept: z.array(z.object({ keeper: z.string(), sidecar: z.string(), fields: z.array(z.string()) })),
      failed: z.array(IndexErrorSchema),
    }),
  ),
  /** Puts back what the given trash actions of this data folder moved, never over a file there now. */
  restoreTrashed: method(
    z.object({
      actionIds: z
        .array(z.string().regex(TRASH_ACTION_ID_PATTERN, { error: 'is not a trash action id' }))
        .min(1)
        .max(requestLimits.restoreActions, {
          error: `holds too many: at most ${requestLimits.restoreActions} trash actions at once`,
        }),
    }),
    z.object({ restored: z.array(z.string()), failed: z.array(IndexErrorSchema) }),
  ),
  markNotDuplicates: method(
    z.object({ paths: pathList(2, requestLimits.notDuplicatePaths, 'photos') }),
    z.object({ marked: z.number() }),
  ),
  getSettings: method(z.object({}), SettingsSchema),
  updateSettings: method(SettingsSchema.partial(), SettingsSchema),
  testConnection: method(
    z.object({ server: ServerConfigSchema }),
    z.object({ ok: z.boolean(), version: z.string().nullable(), error: z.string().nullable() }),
  ),
} as const;

export type EngineMethods = typeof engineMethods;
export type MethodName = keyof EngineMethods;
export type MethodRequest<M extends MethodName> = z.input<EngineMethods[M]['request']>;
export type MethodResponse<M extends MethodName> = z.infer<EngineMethods[M]['response']>;

/** The API as a caller sees it, whichever transport carries it. */
export type EngineApi = { [M in MethodName]: (request: MethodRequest<M>) => Promise<MethodResponse<M>> };

export const methodNames = Object.keys(engineMethods) as MethodName[];
