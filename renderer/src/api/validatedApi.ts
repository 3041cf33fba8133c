import {
  engineMethods,
  methodNames,
  type EngineApi,
  type MethodName,
  type MethodResponse,
} from '../../../shared/contract';
import { EngineError } from './errors';

export type RawInvoke = (method: MethodName, request: unknown) => Promise<unknown>;

/**
 * Wraps a transport in the typed API and checks every answer against the contract, so a host that drifted
 * from the contract fails loudly here instead of as a blank screen somewhere later.
 */
export function createValidatedApi(invoke: RawInvoke): EngineApi {
  const api: Partial<Record<MethodName, (request: unknown) => Promise<unknown>>> = {};
  for (const method of methodNames) {
    api[method] = async (request: unknown) => parseResponse(method, await invoke(method, request));
  }
  return api as EngineApi;
}

export function parseResponse<M extends MethodName>(method: M, raw: unknown): MethodResponse<M> {
  const parsed = engineMethods[method].response.safeParse(raw);
  if (!parsed.success) {
    console.error(`Doppel: unexpected answer to ${method}`, parsed.error.issues, raw);
    throw new EngineError(
      'Doppel’s engine sent an answer this window does not understand. Restart Doppel; if it keeps happening, the app and engine may be different versions.',
      'bad-response',
    );
  }
  return parsed.data as MethodResponse<M>;
}
