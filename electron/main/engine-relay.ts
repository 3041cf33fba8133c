import type { ErrorCode, WireError } from '../../shared/contract/errors';
import type { MethodName } from '../../shared/contract/methods';
import type { EngineToMain, MainToEngine } from '../engine-host/host-messages';

/** An engine error carried back to the renderer with its stable code. */
export class EngineCallError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
  ) {
    super(message);
  }
}

export interface RelayHandlers {
  /** The engine pushed an event for the window. */
  onEvent(message: Extract<EngineToMain, { type: 'event' }>): void;
  /** The engine asks main to move a file to the OS trash; answer with `send({type: 'trashed', ...})`. */
  onTrash(message: Extract<EngineToMain, { type: 'trash' }>): void;
}

/**
 * Message routing between main and the engine's utility process, without Electron: numbered calls wait
 * for their result, events and trash requests go to handlers, and when the process dies every waiting call
 * fails with words a photographer understands instead of hanging.
 */
export class EngineRelay {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();

  constructor(
    private readonly send: (message: MainToEngine) => void,
    private readonly handlers: RelayHandlers,
  ) {}

  call(method: MethodName, request: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ type: 'call', id, method, request });
    });
  }

  /** Hands a query photo's bytes to the engine; resolves to its upload id. */
  upload(bytes: Uint8Array): Promise<string> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: (value) => resolve(value as string), reject });
      this.send({ type: 'upload', id, bytes });
    });
  }

  /** Asks the engine whether a path is a photo in the library (before main shows it in the file manager). */
  isIndexed(path: string): Promise<boolean> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: (value) => resolve(value === true), reject });
      this.send({ type: 'isIndexed', id, path });
    });
  }

  /** Routes one message from the engine. Returns false for messages that are not the relay's (ready, fatal). */
  receive(message: EngineToMain): boolean {
    switch (message.type) {
      case 'result': {
        const waiter = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (!waiter) return true;
        if (message.error) waiter.reject(toError(message.error));
        else waiter.resolve(message.result);
        return true;
      }
      case 'event':
        this.handlers.onEvent(message);
        return true;
      case 'trash':
        this.handlers.onTrash(message);
        return true;
      default:
        return false;
    }
  }

  /** The process died: fail every waiting call, since its answer will never come. */
  failAll(reason: string): void {
    for (const waiter of this.pending.values()) waiter.reject(new EngineCallError(reason, 'engine-stopped'));
    this.pending.clear();
  }

  get waiting(): number {
    return this.pending.size;
  }
}

function toError(error: WireError): EngineCallError {
  return new EngineCallError(error.message, error.code);
}
