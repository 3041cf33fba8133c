import { z } from 'zod';
import {
  IndexProgressSchema,
  IndexResultSchema,
  IndexStageSchema,
  ModelDownloadProgressSchema,
} from './entities';

/** Everything the engine pushes without being asked. */
export const engineEvents = {
  indexProgress: IndexProgressSchema,
  indexFinished: IndexResultSchema,
  modelDownload: ModelDownloadProgressSchema,
  engineState: z.object({
    /** needs-server: no engine can run with these settings here (Windows has no embedded database). */
    state: z.enum(['starting', 'ready', 'crashed', 'restarting', 'needs-server']),
    message: z.string().nullable(),
  }),
  libraryChanged: z.object({ reason: z.enum(['indexed', 'trashed', 'removed', 'marked', 'settings']) }),
  /** A stage started, moved on, finished, or began or stopped waiting (status().stages, pushed). */
  stagesChanged: z.object({ stages: z.array(IndexStageSchema) }),
} as const;

export type EngineEvents = typeof engineEvents;
export type EventName = keyof EngineEvents;
export type EventPayload<E extends EventName> = z.infer<EngineEvents[E]>;
export type EngineEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export const eventNames = Object.keys(engineEvents) as EventName[];
