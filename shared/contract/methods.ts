import { z } from 'zod';
import {
  DuplicateGraphSchema,
  DuplicateGroupSchema,
  DuplicateKindSchema,
  IndexErrorSchema,
  IndexResultSchema,
  SearchResultSchema,
  ServerConfigSchema,
  SettingsSchema,
  StatusSchema,
} from './entities';

/** A query image: a file on the engine's machine, or bytes the browser uploaded first (see `uploadPath`). */
export const QueryImageSchema = z.union([
  z.object({ path: z.string().min(1) }),
  z.object({ uploadId: z.string().regex(/^[a-f0-9]{32}$/) }),
]);
export type QueryImage = z.infer<typeof QueryImageSchema>;

function method<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res) {
  return { request, response };
}

/**
 * The engine's whole API. Preload, Electron main, the utility-process host, the HTTP host and the CLI
 * all derive their channels, routes and validation from this one table.
 */
export const engineMethods = {
  status: method(z.object({}), StatusSchema),
  indexFolders: method(z.object({ paths: z.array(z.string().min(1)).min(1) }), IndexResultSchema),
  cancelIndexing: method(z.object({}), z.object({ cancelled: z.boolean() })),
  removeFolder: method(z.object({ path: z.string().min(1) }), z.object({ removed: z.number() })),
  listIndexErrors: method(z.object({}), z.object({ errors: z.array(IndexErrorSchema) })),
  search: method(
    z.object({
      image: QueryImageSchema,
      limit: z.number().int().positive().max(1000).default(50),
      maxDistance: z.number().nonnegative().optional(),
    }),
    z.object({ results: z.array(SearchResultSchema) }),
  ),
  duplicateGraph: method(z.object({}), DuplicateGraphSchema),
  duplicates: method(
    z.object({
      maxDistance: z.number().nonnegative().optional(),
      kinds: z.array(DuplicateKindSchema).optional(),
    }),
    z.object({ maxDistance: z.number(), groups: z.array(DuplicateGroupSchema) }),
  ),
  trash: method(
    z.object({ paths: z.array(z.string().min(1)).min(1) }),
    z.object({ trashed: z.array(z.string()), failed: z.array(IndexErrorSchema) }),
  ),
  markNotDuplicates: method(
    z.object({ paths: z.array(z.string().min(1)).min(2) }),
    z.object({ marked: z.number() }),
  ),
  reveal: method(z.object({ path: z.string().min(1) }), z.object({ revealed: z.boolean() })),
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
