import type { EngineToMain, MainToEngine } from '../host-messages';

type Listener = (event: { data: MainToEngine }) => void;
type Result = Extract<EngineToMain, { type: 'result' }>;
/** A message main numbers and the engine's process answers with a `result` of that number (id added here). */
type Question =
  | { type: 'call'; method: string; request: unknown }
  | { type: 'isIndexed'; path: unknown }
  | { type: 'upload'; bytes: Uint8Array };

/**
 * Electron's `process.parentPort`, as far as the utility-process entry uses it: tests send what main sends
 * (unchecked, so they can send what a broken main might) and wait for what the engine's process posts.
 */
export class FakeParentPort {
  readonly received: EngineToMain[] = [];
  private listeners = new Set<Listener>();
  private waiters: { match: (message: EngineToMain) => boolean; resolve: (message: EngineToMain) => void }[] =
    [];
  private nextId = 1;

  postMessage(message: EngineToMain): void {
    this.received.push(message);
    const waiter = this.waiters.find((candidate) => candidate.match(message));
    if (waiter) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(message);
    }
  }
  on(_event: 'message', listener: Listener): void {
    this.listeners.add(listener);
  }
  off(_event: 'message', listener: Listener): void {
    this.listeners.delete(listener);
  }
  send(data: MainToEngine): void {
    for (const listener of [...this.listeners]) listener({ data });
  }
  /** The first message, already received or still to come, that `match` accepts. */
  next(match: (message: EngineToMain) => boolean): Promise<EngineToMain> {
    const already = this.received.find(match);
    if (already) return Promise.resolve(already);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }
  /** Sends `question` under a fresh id, as main does, and waits for the result with that id. */
  async ask(question: Question): Promise<Result> {
    const id = this.nextId++;
    this.send({ ...question, id } as MainToEngine);
    return (await this.next((m) => m.type === 'result' && m.id === id)) as Result;
  }
  /** A contract call, as the window makes it through main. */
  call(method: string, request: unknown): Promise<Result> {
    return this.ask({ type: 'call', method, request });
  }
}
