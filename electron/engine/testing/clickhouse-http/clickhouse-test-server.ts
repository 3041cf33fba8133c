import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const SERVER_MAIN = join(__dirname, 'server-main.ts');

export interface TestServerOptions {
  /** The chdb folder the server owns; a fresh temporary one (removed by stop()) when not given. */
  dataDir?: string;
  user?: string;
  password?: string;
}

/** A ClickHouse HTTP test server in a process of its own, answered by chdb. */
export interface ClickHouseTestServer {
  url: string;
  port: number;
  dataDir: string;
  user: string;
  password: string;
  /** The server dies at once (SIGKILL), as a crashed or unplugged server would; resolves once it is gone. */
  kill(): Promise<void>;
  /** A new process on the same data folder and port (after kill()). */
  restart(): Promise<void>;
  /** Stops the server cleanly and removes a data folder it created. */
  stop(): Promise<void>;
}

export async function startClickHouseTestServer(
  options: TestServerOptions = {},
): Promise<ClickHouseTestServer> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'doppel-clickhouse-http-')));
  const user = options.user ?? 'default';
  const password = options.password ?? '';
  let child: ChildProcess | null = null;
  let port = 0;

  const launch = async () => {
    const started = await spawnServer(dataDir, port, user, password);
    child = started.child;
    port = started.port;
  };
  const kill = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    // Waiting for 'exit' matters: until then the process still holds chdb's lock on the folder.
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await launch();
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    dataDir,
    user,
    password,
    kill,
    restart: async () => {
      await kill();
      await launch();
    },
    stop: async () => {
      const running = child;
      child = null;
      if (running && running.exitCode === null && running.signalCode === null) {
        const exited = new Promise((resolve) => running.once('exit', resolve));
        running.kill('SIGTERM');
        await exited;
      }
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function spawnServer(
  dataDir: string,
  port: number,
  user: string,
  password: string,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      SERVER_MAIN,
      '--data-dir',
      dataDir,
      '--port',
      String(port),
      '--user',
      user,
      '--password',
      password,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      try {
        resolve({ child, port: (JSON.parse(line) as { port: number }).port });
      } catch {
        reject(new Error(`the ClickHouse test server said ${line.slice(0, 200)}`));
      }
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`the ClickHouse test server exited (${code ?? signal}) before listening: ${stderr}`)),
    );
  });
}
