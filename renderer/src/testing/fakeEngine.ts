import type {
  DuplicateGraph,
  EngineApi,
  EventName,
  EventPayload,
  MethodName,
  PhotoInfo,
  Settings,
  Status,
} from '../../../shared/contract';
import type { EngineClient } from '../api/engineClient';
import { EventDispatch } from '../api/eventDispatch';

export interface RecordedCall {
  method: MethodName;
  request: unknown;
}

export interface FakeEngine {
  client: EngineClient;
  calls: RecordedCall[];
  requestsTo: (method: MethodName) => unknown[];
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
}

export interface FakeEngineOptions {
  graph?: DuplicateGraph;
  status?: Partial<Status>;
  settings?: Settings;
  /** Replace single methods, e.g. to make one fail. */
  overrides?: Partial<EngineApi>;
  platform?: EngineClient['platform'];
  /** The desktop's "show in folder"; absent (as in the browser) unless given. */
  revealInFolder?: EngineClient['revealInFolder'];
  /** The desktop's "open the Trash"; absent (as in the browser) unless given. */
  openTrash?: EngineClient['openTrash'];
}

export const emptyGraph: DuplicateGraph = {
  maxDistance: 0.5,
  defaultThreshold: 0.1,
  model: 'test-model',
  photos: [],
  pairs: [],
  dismissed: [],
};

const defaultSettings: Settings = {
  storage: { kind: 'embedded' },
  model: 'Xenova/clip-vit-base-patch32',
  thumbnailCacheDir: '/cache/thumbs',
  thumbnailCacheMaxMb: 512,
};

/**
 * An in-memory EngineApi that answers like the real engine would and records every call, so component tests
 * can assert on what the UI asked for. It deliberately has no test-runner dependency (it type-checks with the app).
 */
export function createFakeEngine(options: FakeEngineOptions = {}): FakeEngine {
  const calls: RecordedCall[] = [];
  const graph = options.graph ?? emptyGraph;
  const status: Status = {
    images: graph.photos.length,
    model: 'test-model',
    modelOrigin: 'settings',
    storage: 'embedded',
    dataDir: '/data',
    folders: [],
    indexing: null,
    lastErrors: [],
    ...options.status,
  };
  const photo = (path: string): PhotoInfo | undefined =>
    graph.photos.find((candidate) => candidate.path === path);

  const defaults: EngineApi = {
    status: async () => status,
    indexFolders: async () => ({
      indexed: 0,
      skipped: 0,
      removed: 0,
      errors: [],
      cancelled: false,
      seconds: 0,
    }),
    cancelIndexing: async () => ({ cancelled: true }),
    removeFolder: async () => ({ removed: 0 }),
    protectFolder: async (request) => ({ path: request.path, protected: request.protected }),
    listIndexErrors: async () => ({ errors: status.lastErrors }),
    search: async () => ({
      results: graph.photos.map((found, index) => ({
        path: found.path,
        distance: index * 0.1,
        photo: found,
      })),
    }),
    duplicateGraph: async () => graph,
    duplicates: async () => ({ maxDistance: graph.defaultThreshold, groups: [] }),
    trash: async ({ paths }) => ({ trashed: paths.filter((path) => photo(path)), failed: [] }),
    restoreTrashed: async () => ({ restored: [], failed: [] }),
    keepMetadata: async () => ({ kept: [], failed: [] }),
    moveToFolder: async ({ paths, destination }) => ({
      moved: paths.filter((path) => photo(path)).map((path) => ({ path, to: `${destination}/${path}` })),
      failed: [],
    }),
    markNotDuplicates: async ({ paths }) => ({ marked: paths.length }),
    getSettings: async () => options.settings ?? defaultSettings,
    updateSettings: async (patch) => ({ ...(options.settings ?? defaultSettings), ...patch }) as Settings,
    testConnection: async () => ({ ok: true, version: '24.8', error: null }),
  };

  const implementations: EngineApi = { ...defaults, ...options.overrides };
  const api = {} as Record<MethodName, (request: unknown) => Promise<unknown>>;
  for (const method of Object.keys(implementations) as MethodName[]) {
    api[method] = (request: unknown) => {
      calls.push({ method, request });
      return (implementations[method] as (request: unknown) => Promise<unknown>)(request);
    };
  }

  const dispatch = new EventDispatch();
  const client: EngineClient = {
    api: api as unknown as EngineApi,
    on: (event, listener) => dispatch.add(event, listener),
    mediaBase: 'doppel-media://media',
    platform: options.platform ?? 'browser',
    pickFolders: null,
    pickImagePath: null,
    revealInFolder: options.revealInFolder ?? null,
    openTrash: options.openTrash ?? null,
    toQueryImage: async () => ({ uploadId: '0123456789abcdef0123456789abcdef' }),
  };

  return {
    client,
    calls,
    requestsTo: (method) => calls.filter((call) => call.method === method).map((call) => call.request),
    emit: (event, payload) => dispatch.emit(event, payload),
  };
}
