import { shell, utilityProcess, type UtilityProcess } from 'electron';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { EventName, EventPayload } from '../../shared/contract/events';
import type { MethodName } from '../../shared/contract/methods';
import type { EngineToMain } from '../engine-host/host-messages';
import { readSettings } from '../engine/platform/settings-file';
import { EMBEDDED_UNAVAILABLE_MESSAGE } from '../engine/store/embedded-availability';
import { engineEnvironment } from './desktop-paths';
import { decideEngineStart } from './engine-start-decision';
import { EngineCallError, EngineRelay } from './engine-relay';
import { RestartPolicy } from './restart-policy';
import { SettingsWithoutEngine } from './settings-without-engine';

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

  private readonly withoutEngine: SettingsWithoutEngine;

  constructor(
    private readonly dataDir: string,
    private readonly onEvent: EventSink,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.ready = this.nextReady();
    this.withoutEngine = new SettingsWithoutEngine(dataDir);
  }

  /** The latest engine state, for a window that opens (or reloads) after it was sent. */
  get state(): EngineState {
    return this.lastState;
  }

  start(): void {
    if (this.child || this.stopping) return;
    // Windows with the embedded database: no engine could open it. The window shows why and leads to
    // Settings, which main answers itself until a server is saved (then this starts the engine).
    const decision = decideEngineStart(this.platform, readSettings(this.dataDir).storage.kind);
    if (decision.kind === 'needs-server') {
      this.setState({ state: 'needs-server', message: decision.message });
      return;
    }
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
      } else if (message.type === 'fatal') {
        fatal = message.message;
      }
    });
    child.on('exit', (code) => this.exited(child, code, fatal));
  }

  async call(method: MethodName, request: unknown): Promise<unknown> {
    if (this.lastState.state === 'needs-server') return this.callWithoutEngine(method, request);
    await this.ready;
    if (!this.relay) throw new EngineCallError('Doppel’s engine is not running.', 'engine-stopped');
    return this.relay.call(method, request);
  }

  async upload(bytes: Uint8Array): Promise<string> {
    if (this.lastState.state === 'needs-server')
      throw new EngineCallError(this.lastState.message ?? EMBEDDED_UNAVAILABLE_MESSAGE, 'needs-server');
    await this.ready;
    if (!this.relay) throw new EngineCallError('Doppel’s engine is not running.', 'engine-stopped');
    return this.relay.upload(bytes);
  }

  /** Settings work without an engine; saving them may make one possible (a server was chosen). */
  private async callWithoutEngine(method: MethodName, request: unknown): Promise<unknown> {
    if (!this.withoutEngine.answers(method)) {
      throw new EngineCallError(this.lastState.message ?? EMBEDDED_UNAVAILABLE_MESSAGE, 'needs-server');
    }
    const result = await this.withoutEngine.call(method, request);
    if (method === 'updateSettings') this.start();
    return result;
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
    if (fatal === EMBEDDED_UNAVAILABLE_MESSAGE) {
      // Settings changed back to the embedded database under us: restarting cannot help.
      this.setState({ state: 'needs-server', message: fatal });
      return;
    }
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
