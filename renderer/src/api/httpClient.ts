import { z } from 'zod';
import {
  DOPPEL_REQUEST_HEADER,
  ERROR_CODES,
  eventNames,
  httpRoute,
  UPLOAD_ID_PATTERN,
  type MethodName,
} from '../../../shared/contract';
import type { EngineClient } from './engineClient';
import { EngineError } from './errors';
import { EventDispatch } from './eventDispatch';
import { createValidatedApi } from './validatedApi';

/** Marks requests as coming from this page's script, which a cross-site form post cannot fake. */
export const doppelRequestHeader = { [DOPPEL_REQUEST_HEADER.name]: DOPPEL_REQUEST_HEADER.value };

// A code this window does not know (a newer server) still carries its message.
const WireErrorSchema = z.object({ code: z.enum(ERROR_CODES).catch('unknown'), message: z.string() });
const UploadResponseSchema = z.object({ uploadId: z.string().regex(UPLOAD_ID_PATTERN) });

/** How long to wait before reopening the event stream after the server closed it for good. */
const eventStreamRetryMs = 3000;
/** EventSource.CLOSED, spelled out so tests can hand in a plain fake. */
const eventSourceClosed = 2;

export interface HttpClientOptions {
  fetch?: typeof fetch;
  createEventSource?: (url: string) => EventSource;
}

/**
 * The browser UI served by `doppel serve`: JSON over same-origin POSTs and server-sent events. Authentication
 * is an HttpOnly cookie the server set when the page was opened with ?token=…, so nothing here touches tokens.
 */
export function createHttpClient(options: HttpClientOptions = {}): EngineClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const createEventSource = options.createEventSource ?? ((url: string) => new EventSource(url));

  const post = async (url: string, body: BodyInit, contentType: string): Promise<unknown> => {
    let response: Response;
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: { 'Content-Type': contentType, ...doppelRequestHeader },
        credentials: 'same-origin',
        body,
      });
    } catch {
      throw new EngineError(
        'Cannot reach the Doppel server. Check that `doppel serve` is still running, then try again.',
        'unreachable',
      );
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response.json();
  };

  const api = createValidatedApi((method: MethodName, request: unknown) =>
    post(httpRoute.method(method), JSON.stringify(request ?? {}), 'application/json'),
  );

  const dispatch = new EventDispatch();
  let source: EventSource | null = null;
  const openEventStream = () => {
    source = createEventSource(httpRoute.events);
    for (const event of eventNames) {
      source.addEventListener(event, (message) => {
        const data = (message as MessageEvent<string>).data;
        try {
          dispatch.emit(event, JSON.parse(data));
        } catch (error) {
          console.error(`Doppel: ignoring unreadable ${event} event`, error, data);
        }
      });
    }
    source.addEventListener('error', () => {
      // EventSource retries by itself after network blips; only a refused stream (e.g. 401) ends it for good.
      if (source && source.readyState === eventSourceClosed) {
        source = null;
        setTimeout(() => {
          if (!source && dispatch.count() > 0) openEventStream();
        }, eventStreamRetryMs);
      }
    });
  };

  return {
    api,
    on: (event, listener) => {
      const unsubscribe = dispatch.add(event, listener);
      if (!source) openEventStream();
      return unsubscribe;
    },
    mediaBase: '',
    platform: 'browser',
    pickFolders: null,
    pickImagePath: null,
    // A browser cannot open the server's file manager; the button is not shown.
    revealInFolder: null,
    toQueryImage: async (file) => {
      const raw = await post(httpRoute.upload, file, file.type || 'application/octet-stream');
      const parsed = UploadResponseSchema.safeParse(raw);
      if (!parsed.success) throw new EngineError('The server did not accept the photo. Please try again.');
      return { uploadId: parsed.data.uploadId };
    },
  };
}

async function errorFromResponse(response: Response): Promise<EngineError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: a proxy page or a crash. Fall through to a message based on the status.
  }
  const wire = WireErrorSchema.safeParse(body);
  if (wire.success) return new EngineError(wire.data.message, wire.data.code);
  if (response.status === 401 || response.status === 403) {
    return new EngineError(
      'This page is not signed in to the Doppel server. Open the link that `doppel serve` printed again.',
      'unauthorized',
    );
  }
  if (response.status === 413)
    return new EngineError('That file is too large to send to the server.', 'too-large');
  return new EngineError(`The Doppel server could not do that (HTTP ${response.status}). Please try again.`);
}
