import { ZodError, type z } from 'zod';
import type { WireError } from '../../../shared/contract/errors';
import {
  engineMethods,
  methodNames,
  type EngineMethods,
  type MethodName,
  type MethodResponse,
} from '../../../shared/contract/methods';
import { UserError } from '../user-error';

/** A request after the contract's schema parsed it: defaults filled in, strings trimmed. */
export type ParsedRequest<M extends MethodName> = z.output<EngineMethods[M]['request']>;

/** What an engine must offer to be driven through the contract: one function per method. */
export type EngineHandlers = {
  [M in MethodName]: (request: ParsedRequest<M>) => Promise<MethodResponse<M>>;
};

/** The outcome of one call, ready to cross a process boundary (structured clone or JSON). */
export type EngineAnswer = { result: unknown; error?: undefined } | { error: WireError };

/**
 * The one way from the contract to the engine, for every host (the desktop's utility process, `doppel
 * serve`, the CLI): check the method name, parse the request with its schema, call, and turn whatever
 * went wrong into a `WireError`. Hosts only carry the answer and choose how to show it.
 */
export async function answerEngineCall(
  engine: EngineHandlers,
  method: unknown,
  request: unknown,
): Promise<EngineAnswer> {
  return answerSomeCalls(engine, method, request);
}

/**
 * The same for a host that answers only some methods (Settings while no engine can run): a method it has
 * no handler for gets `unanswered()`'s error.
 */
export async function answerSomeCalls(
  handlers: Partial<EngineHandlers>,
  method: unknown,
  request: unknown,
  unanswered: (method: MethodName) => UserError = (name) =>
    new UserError('bad-request', `no such method ${name}`),
): Promise<EngineAnswer> {
  try {
    if (!isMethodName(method)) throw new UserError('bad-request', `no such method ${String(method)}`);
    const handler = handlers[method] as ((request: unknown) => Promise<unknown>) | undefined;
    if (!handler) throw unanswered(method);
    const parsed: unknown = engineMethods[method].request.parse(request ?? {});
    return { result: await handler.call(handlers, parsed) };
  } catch (error) {
    return { error: toWireError(error) };
  }
}

export function isMethodName(value: unknown): value is MethodName {
  return (methodNames as unknown[]).includes(value);
}

/** Errors in the words the user sees: the engine's own, what was wrong with the request, or what failed. */
export function toWireError(error: unknown): WireError {
  if (error instanceof ZodError) return { code: 'bad-request', message: describeInvalidRequest(error) };
  if (error instanceof UserError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'failed', message };
}

function describeInvalidRequest(error: ZodError): string {
  const issues = error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`.trim());
  return `invalid request: ${issues.join('; ')}`;
}
