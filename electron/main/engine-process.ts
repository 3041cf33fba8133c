import { shell, utilityProcess, type UtilityProcess } from 'electron';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { EventName, EventPayload } from '../../shared/contract/events';
import type { MethodName } from '../../shared/contract/methods';
import type { EngineToMain } from '../engine-host/host-messages';
import { engineEnvironment } from './desktop-paths';
import { EngineCallError, EngineRelay } from './engine-relay';
import { RestartPolicy } from './restart-policy';

type EventSink = (event: EventName, payload: unknown) => void;
type EngineState = EventPayload<'engineState'>;

/**
 * Owns the engine's utility process: starts it, relays calls, answers its trash requests, and restarts it
 * when it dies (the window stays and is told what happened). Calls made while it restarts wait for it.
 */
export class EngineProcess {
  private child: UtilityProcess | null = null;
  private relay: EngineRelay | null = null;
  private ready: Promise<void>;
  private markReady!: () => void;
  private giveUp!: (error: Error) => void;
  private stopping = false;
  private lastState: EngineState = { state: 'starting', message: null };
  private readonly policy = new RestartPolicy();
  readonly mediaToken = randomBytes(16).toString('hex');
  mediaBase = '';

  constructor(
    private readonly dataDir: string,
    private readonly onEvent: EventSink,
  ) {
    this.ready = this.nextReady();
  }

  /** The latest engine state, for a window that opens (or reloads) after it was sent. */
  get state(): EngineState {
    return this.lastState;
  }

  start(): void {
    if (this.child || this.stopping) return;
    this.setState({
      state: this.lastState.state === 'restarting' ? 'restarting' : 'starting',
      message: this.lastState.message,
    });
    // The entry sits inside app.asar when packaged; a utility process reads asar like main does. No cwd
    // inside the asar (a known crash), so it keeps main's working directory.
    const child = utilityProcess.fork(join(__dirname, '..', 'engine-host', 'utility-entry.js'), [], {
      serviceName: 'Doppel engine',
      stdio: 'inherit',
      env: engineEnvironment(process.env, {
        dataDir: this.dataDir,
        mediaToken: this.mediaToken,
        resourcesPath: process.resourcesPath ?? null,
      }),
    });
    const relay = new EngineRelay((message) => child.postMessage(message), {
      onEvent: (message) => this.onEvent(message.event, message.payload),
      onTrash: (message) =>
        shell.trashItem(message.path).then(
          () => child.postMessage({ type: 'trashed', id: message.id, error: null }),
          (error: Error) => child.postMessage({ type: 'trashed', id: message.id, error: error.message }),
        ),
    });
    this.child = child;
    this.relay = relay;
    let fatal: string | null = null;
    child.on('message', (message: EngineToMain) => {
      if (relay.receive(message)) return;
      if (message.type === 'ready') {
        this.mediaBase = message.mediaBase;
        this.policy.started(Date.now());
        this.setState({ state: 'ready', message: null });
        this.markReady();
      } else if (message.type === 'needs-server') {
        // No engine can run with these settings here (Windows, embedded database): the process stays up
        // and answers Settings, so calls go to it; it opens the engine, and says ready, once a server is saved.
        this.setState({ state: 'needs-server', message: message.message });
        this.markReady();
      } else if (message.type === 'fatal') {
        fatal = message.message;
      }
    });
    child.on('exit', (code) => this.exited(child, code, fatal));
  }

  async call(method: MethodName, request: unknown): Promise<unknown> {
    await this.ready;
    if (!this.relay) throw new EngineCallError('Doppel’s engine is not running.', 'engine-stopped');
    return this.relay.call(method, request);
  }

  async upload(bytes: Uint8Array): Promise<string> {
    await this.ready;
    if (!this.relay) throw new EngineCallError('Doppel’s engine is not running.', 'engine-stopped');
    return this.relay.upload(bytes);
  }

  async isIndexed(path: string): Promise<boolean> {
    await this.ready;
    if (!this.relay) throw new EngineCallError('Doppel’s engine is not running.', 'engine-stopped');
    return this.relay.isIndexed(path);
  }

  /** After the engine gave up (or crashed for good): the user asked to try again. */
  restartNow(): void {
    this.policy.reset();
    if (this.lastState.state === 'crashed') this.ready = this.nextReady();
    this.start();
  }

  private exited(child: UtilityProcess, code: number | null, fatal: string | null): void {
    if (this.child !== child) return;
    this.child = null;
    this.mediaBase = '';
    this.relay?.failAll(
      'Doppel’s engine stopped before it answered. Your library is safe; please try again.',
    );
    this.relay = null;
    if (this.stopping) return;
    this.ready = this.nextReady();
    const why = fatal ?? `it exited with code ${code ?? 'unknown'}`;
    const decision = this.policy.died(Date.now());
    if (!decision.restart) {
      this.giveUp(
        new EngineCallError(
          'Doppel’s engine is not running: choose Help › Restart Engine.',
          'engine-stopped',
        ),
      );
      this.setState({
        state: 'crashed',
        message: `It failed ${decision.attempts} times in a row (${why}). Choose Help › Restart Engine to try again.`,
      });
      return;
    }
    this.setState({
      state: 'restarting',
      message: `It stopped (${why}); restarting it. Your library is safe.`,
    });
    setTimeout(() => this.start(), decision.delayMs);
  }

  private setState(state: EngineState): void {
    this.lastState = state;
    this.onEvent('engineState', state);
  }

  private nextReady(): Promise<void> {
    const ready = new Promise<void>((resolve, reject) => {
      this.markReady = resolve;
      this.giveUp = reject;
    });
    ready.catch(() => undefined); // callers see the rejection; nobody waiting is not an error
    return ready;
  }

  /**
   * Asks the engine to close its database and exit, and kills it if it has not within `graceMs` (a stuck
   * query must not keep the app from quitting).
   */
  async stop(graceMs = 5000): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.postMessage({ type: 'shutdown' });
    const timer = setTimeout(() => child.kill(), graceMs);
    await exited;
    clearTimeout(timer);
  }
}
