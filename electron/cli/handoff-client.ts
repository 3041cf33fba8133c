import { request as httpRequest, type IncomingMessage, type ClientRequest } from 'node:http';
import { isErrorCode } from '../../shared/contract/errors';
import { engineEvents, type EngineEventListener, type EventName } from '../../shared/contract/events';
import { engineMethods, type MethodName, type MethodResponse } from '../../shared/contract/methods';
import { DOPPEL_REQUEST_HEADER, httpRoute } from '../../shared/contract/transport';
import { UserError } from '../engine/user-error';
import type { EngineConnection } from './engine-connection';
import type { HandoffTarget } from './handoff-target';

/** The first call says whether the holder answers at all; a live Doppel answers `status` in well under this. */
const PROBE_TIMEOUT_MS = 10_000;
/** A duplicates list of a large library is tens of MB; a holder sending more than this is not answering. */
const MAX_ANSWER_BYTES = 512 * 1024 * 1024;
/** One server-sent event; Doppel's are a few hundred bytes. */
const MAX_EVENT_BYTES = 1024 * 1024;

/**
 * The engine of the Doppel process that holds the data folder, over its HTTP API (`serve`, or the desktop
 * app's loopback host), as an `EngineConnection`: the contract's methods as POSTs with the hand-off token
 * and the contract's X-Doppel header, events from its server-sent event stream. Resolves to null when the
 * holder does not answer as Doppel (gone, a stale URL, a wrong token): the caller then refuses as before.
 */
export async function connectToHolder(target: HandoffTarget): Promise<EngineConnection | null> {
  const connection = new HandoffConnection(target);
  try {
    await connection.post('status', {}, PROBE_TIMEOUT_MS);
    return connection;
  } catch {
    return null;
  }
}

class HandoffConnection implements EngineConnection {
  constructor(private readonly target: HandoffTarget) {}

  call<M extends MethodName>(method: M, request: unknown): Promise<MethodResponse<M>> {
    // No timeout: an index run answers when it ends, hours later on a large library.
    return this.post(method, request);
  }

  /** The answer as the holder sent it (so --json prints what a local run prints), once the contract accepts it. */
  async post<M extends MethodName>(
    method: M,
    request: unknown,
    timeoutMs?: number,
  ): Promise<MethodResponse<M>> {
    const body = JSON.stringify(request ?? {});
    const { response } = await this.open('POST', httpRoute.method(method), body, timeoutMs);
    const value = parseJson(await this.readAll(response));
    if (response.statusCode === 200) {
      if (engineMethods[method].response.safeParse(value).success) return value as MethodResponse<M>;
      throw new Error(
        `${this.holder()} answered ${method} in a form this doppel does not know: run the same version of Doppel as the one running.`,
      );
    }
    const { code, message } = (value ?? {}) as Record<string, unknown>;
    if (isErrorCode(code) && typeof message === 'string') throw new UserError(code, message);
    throw new Error(`${this.holder()} refused the command (HTTP ${response.statusCode}).`);
  }

  async onEvent(listener: EngineEventListener): Promise<() => void> {
    const { request, response } = await this.open('GET', httpRoute.events);
    if (response.statusCode !== 200) {
      request.destroy();
      throw new Error(`${this.holder()} refused its progress events (HTTP ${response.statusCode}).`);
    }
    response.setEncoding('utf8');
    let pending = '';
    response.on('data', (chunk: string) => {
      pending += chunk;
      for (let end = pending.indexOf('\n\n'); end !== -1; end = pending.indexOf('\n\n')) {
        deliverFrame(pending.slice(0, end), listener);
        pending = pending.slice(end + 2);
      }
      if (pending.length > MAX_EVENT_BYTES) request.destroy();
    });
    // After stop (or the holder going away mid-run, which the method call itself reports).
    response.on('error', () => undefined);
    request.on('error', () => undefined);
    return () => request.destroy();
  }

  private open(
    method: 'GET' | 'POST',
    path: string,
    body?: string,
    timeoutMs?: number,
  ): Promise<{ request: ClientRequest; response: IncomingMessage }> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        {
          host: this.target.hostname,
          port: this.target.port,
          path,
          method,
          // No pooled socket kept alive after the command (it would hold the process open), no proxy.
          agent: false,
          headers: {
            Authorization: `Bearer ${this.target.token}`,
            [DOPPEL_REQUEST_HEADER.name]: DOPPEL_REQUEST_HEADER.value,
            ...(body === undefined
              ? {}
              : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }),
          },
        },
        (response) => resolve({ request, response }),
      );
      request.on('error', (error) => reject(this.lost(error)));
      if (timeoutMs !== undefined)
        request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer in ${timeoutMs / 1000} s`)));
      request.end(body);
    });
  }

  private readAll(response: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) response.destroy(new Error('an answer larger than Doppel sends'));
        else chunks.push(chunk);
      });
      response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      response.on('error', (error) => reject(this.lost(error)));
      // After 'end' this settles nothing; before it, the holder went away mid-answer.
      response.on('close', () => {
        if (!response.complete) reject(this.lost(new Error('the connection was cut')));
      });
    });
  }

  private lost(error: Error): Error {
    return new Error(`${this.holder()} stopped answering (${error.message}).`, { cause: error });
  }

  private holder(): string {
    return `The running Doppel (${this.target.role}, pid ${this.target.pid})`;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One `event: name` / `data: json` frame, passed on only if it is one of the contract's events. */
function deliverFrame(frame: string, listener: EngineEventListener): void {
  let name: string | undefined;
  const data: string[] = [];
  for (const line of frame.split('\n')) {
    if (line.startsWith('event: ')) name = line.slice('event: '.length);
    else if (line.startsWith('data: ')) data.push(line.slice('data: '.length));
  }
  if (name === undefined || !Object.hasOwn(engineEvents, name)) return;
  const event = name as EventName;
  const payload = parseJson(data.join('\n'));
  if (!engineEvents[event].safeParse(payload).success) return;
  (listener as (event: EventName, payload: unknown) => void)(event, payload);
}
