import type { CliInvocation } from '../cli/cli-options';
import type { CliIo } from '../cli/run-cli';
import { DoppelEngine } from '../engine/doppel-engine';
import { startHttpHost } from './http-host';
import { builtRendererDir } from './renderer-dir';

/** `doppel serve`: the engine in this process, the UI over HTTP on 127.0.0.1 unless --host says otherwise. */
export async function runServeCommand(invocation: CliInvocation, io: CliIo): Promise<number> {
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
    token: process.env.DOPPEL_SERVE_TOKEN,
  });
  engine.advertise(host.url);
  io.stdout(`Doppel is running at ${host.loginUrl}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await host.close();
  await engine.close();
  return 0;
}
