import { DoppelEngine, type EngineOptions } from '../engine/doppel-engine';
import { startHttpHost } from './http-host';
import { builtRendererDir } from './renderer-dir';
import { loginTokenProblem } from './serve-token';

/** What `doppel serve` needs of the command line (the CLI's parsed invocation has these and more). */
export interface ServeInvocation {
  dataDir: string;
  model: EngineOptions['model'];
  /** Where the model override came from (--model or DOPPEL_MODEL), shown in Settings. */
  modelOrigin: EngineOptions['modelOrigin'];
  storage: EngineOptions['storage'];
  host: string | undefined;
  port: number | undefined;
}

/** Where `doppel serve` writes (the CLI's output). */
export interface ServeIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** `doppel serve`: the engine in this process, the UI over HTTP on 127.0.0.1 unless --host says otherwise. */
export async function runServeCommand(invocation: ServeInvocation, io: ServeIo): Promise<number> {
  // Checked before anything opens: a set but empty or short token would start a server anyone can use.
  const fixedToken = process.env.DOPPEL_SERVE_TOKEN;
  const tokenProblem = fixedToken === undefined ? null : loginTokenProblem(fixedToken, 'DOPPEL_SERVE_TOKEN');
  if (tokenProblem) {
    io.stderr(`doppel: ${tokenProblem}\n`);
    return 2;
  }
  let engine: DoppelEngine;
  try {
    engine = await DoppelEngine.open({
      dataDir: invocation.dataDir,
      role: 'serve',
      model: invocation.model,
      modelOrigin: invocation.modelOrigin,
      storage: invocation.storage,
      watch: process.env.DOPPEL_WATCH !== '0',
    });
  } catch (error) {
    io.stderr(`doppel: ${(error as Error).message.split('\n')[0]}\n`);
    return 1;
  }
  const host = await startHttpHost({
    engine,
    staticDir: builtRendererDir(),
    host: invocation.host ?? '127.0.0.1',
    port: invocation.port ?? 4870,
    token: fixedToken,
    handoff: true,
  });
  // The CLI run beside serve on this data folder hands its command here instead of being refused.
  engine.advertise({ url: host.url, ...(host.handoff ? { handoff: host.handoff } : {}) });
  io.stdout(`Doppel is running at ${host.loginUrl}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await host.close();
  await engine.close();
  return 0;
}
