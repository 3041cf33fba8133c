import { shell, utilityProcess, type UtilityProcess } from 'electron';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { EventName } from '../../shared/contract/events';
import type { MethodName } from '../../shared/contract/methods';
import type { EngineToMain, MainToEngine } from '../engine-host/host-messages';

type EventSink = (event: EventName, payload: unknown) => void;

/**
 * Owns the engine's utility process: starts it, relays calls, answers its trash requests, and restarts it
 * when it dies (the window stays and is told what happened).
 */
export class EngineProcess {
  private child: UtilityProcess | null = null;
  private nextId = 1;
  private pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private ready: Promise<void> | null = null;
  readonly mediaToken = randomBytes(16).toString('hex');
  mediaBase = '';
  private restarts = 0;

  constructor(
    private readonly dataDir: string,
    private readonly onEvent: EventSink,
  ) {}

  start(): Promise<void> {
    this.ready = new Promise((resolve, reject) => {
      const child = utilityProcess.fork(join(__dirname, '..', 'engine-host', 'utility-entry.js'), [], {
        serviceName: 'Doppel engine',
        env: { ...process.env, DOPPEL_DATA_DIR: this.dataDir, DOPPEL_MEDIA_TOKEN: this.mediaToken },
      });
      this.child = child;
      child.on('message', (message: EngineToMain) => {
        if (message.type === 'ready') {
          this.mediaBase = message.mediaBase;
          this.onEvent('engineState', { state: 'ready', message: null });
          resolve();
        } else if (message.type === 'fatal') {
          reject(new Error(message.message));
        } else this.handle(message);
      });
      child.on('exit', (code) => this.crashed(code));
    });
    return this.ready;
  }

  async call(method: MethodName, request: unknown): Promise<unknown> {
    await this.ready;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ type: 'call', id, method, request });
    });
  }

  private send(message: MainToEngine): void {
    this.child?.postMessage(message);
  }

  private handle(message: EngineToMain): void {
    if (message.type === 'result') {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error)
        waiter?.reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
      else waiter?.resolve(message.result);
    } else if (message.type === 'event') {
      this.onEvent(message.event, message.payload);
    } else if (message.type === 'trash') {
      shell.trashItem(message.path).then(
        () => this.send({ type: 'trashed', id: message.id, error: null }),
        (error: Error) => this.send({ type: 'trashed', id: message.id, error: error.message }),
      );
    }
  }

  private crashed(code: number | null): void {
    this.child = null;
    for (const waiter of this.pending.values())
      waiter.reject(new Error('The Doppel engine stopped unexpectedly.'));
    this.pending.clear();
    if (code === 0) return;
    this.restarts++;
    this.onEvent('engineState', {
      state: 'restarting',
      message: `The engine stopped (exit code ${code}); restarting it. Your library is safe.`,
    });
    const delay = Math.min(30_000, 500 * 2 ** Math.min(this.restarts, 6));
    setTimeout(
      () =>
        void this.start().catch((error: Error) =>
          this.onEvent('engineState', { state: 'crashed', message: error.message }),
        ),
      delay,
    );
  }

  stop(): void {
    this.child?.kill();
  }
}
