import type { EngineEventListener } from '../../shared/contract/events';
import type { MethodName, MethodRequest, MethodResponse } from '../../shared/contract/methods';
import { answerEngineCall } from '../engine/api/engine-adapter';
import type { DoppelEngine } from '../engine/doppel-engine';
import { UserError } from '../engine/user-error';

/**
 * What a CLI command needs of an engine: the contract's methods and its events. The engine in this process,
 * or the one that holds the data folder (handoff-client.ts): every command runs the same code on either,
 * so its output is the same.
 */
export interface EngineConnection {
  call<M extends MethodName>(method: M, request: MethodRequest<M>): Promise<MethodResponse<M>>;
  /** Resolves once listening (events after that reach `listener`), to a function that stops it. */
  onEvent(listener: EngineEventListener): Promise<() => void>;
}

/** The engine in this process, through the adapter every host uses, like any other client of the engine. */
export function localConnection(engine: DoppelEngine): EngineConnection {
  return {
    async call(method, request) {
      const answer = await answerEngineCall(engine, method, request);
      if (answer.error) throw new UserError(answer.error.code, answer.error.message);
      return answer.result as MethodResponse<typeof method>;
    },
    onEvent: (listener) => Promise.resolve(engine.onEvent(listener)),
  };
}
