import {
  requestLimits,
  type MethodName,
  type MethodRequest,
  type MethodResponse,
} from '../../shared/contract/methods';
import type { DuplicateKind, ModelDownloadProgress, SamePictureLevel } from '../../shared/contract/entities';
import { DUPLICATE_KINDS } from '../../shared/duplicates/policy';
import { SAME_PICTURE_LEVELS } from '../../shared/duplicates/same-picture-levels';
import { answerEngineCall } from '../engine/api/engine-adapter';
import { DoppelEngine } from '../engine/doppel-engine';
import { DataDirBusyError } from '../engine/platform/data-dir-lock';
import { setVerbose } from '../engine/platform/verbose-log';
import { UserError } from '../engine/user-error';
import {
  formatDownloadLine,
  formatDuplicateGroups,
  formatIndexResult,
  formatProgressLine,
  formatSearchResults,
  formatStatus,
} from './cli-format';
import { terminalText } from './terminal-text';
import { runServeCommand } from '../serve/serve-command';
import { parseInvocation, USAGE, UsageError, type CliInvocation } from './cli-options';
import { usableColumns } from './terminal-width';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal, so the progress bar can redraw in place. */
  interactive: boolean;
  /** The terminal's width now (it may be resized mid-run); undefined when it does not say. */
  columns?: () => number | undefined;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  interactive: Boolean(process.stderr.isTTY),
  columns: () => process.stderr.columns,
};

/** Redrawn lines fit the terminal (a wider one wraps, and each redraw leaves a stale line); a log takes all. */
function lineWidth(io: CliIo): number | null {
  return io.interactive ? usableColumns(io.columns?.()) : null;
}

/** Exit codes: 0 success, 1 failure, 2 usage error; every failure is one line that says what to do. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  let invocation: CliInvocation;
  try {
    invocation = parseInvocation(argv);
    if (invocation.help || !invocation.command) {
      io.stdout(USAGE);
      return invocation.help ? 0 : 2;
    }
    validateArguments(invocation);
    setVerbose(invocation.verbose);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`doppel: ${error.message}. Run doppel --help for usage.\n`);
    return 2;
  }
  if (invocation.command === 'serve') {
    return runServeCommand(invocation, io);
  }
  let engine: DoppelEngine | null = null;
  try {
    engine = await DoppelEngine.open({
      dataDir: invocation.dataDir,
      role: invocation.command,
      model: invocation.model,
      modelOrigin: invocation.modelOrigin,
      storage: invocation.storage,
    });
    await runCommand(engine, invocation, io);
    return 0;
  } catch (error) {
    io.stderr(`doppel: ${terminalText(describeFailure(error))}\n`); // messages quote file names
    return 1;
  } finally {
    await engine?.close().catch(() => undefined);
  }
}

function validateArguments(invocation: CliInvocation): void {
  const { command, positionals } = invocation;
  const known = ['index', 'search', 'duplicates', 'status', 'serve'];
  if (!known.includes(command!)) throw new UsageError(`unknown command "${command}"`);
  if (command === 'index' && positionals.length === 0)
    throw new UsageError('index needs at least one folder');
  if (command === 'index' && positionals.length > requestLimits.indexFolders)
    throw new UsageError(
      `index takes at most ${requestLimits.indexFolders} folders at once (index their parent folder, or run it in batches)`,
    );
  if (command === 'search' && positionals.length > 1)
    throw new UsageError('search takes one image (quote words and pass them with --text)');
  if (command === 'search' && positionals.length === 0 && !invocation.text && !invocation.plus?.length)
    throw new UsageError('search needs an image or --text "words"');
  if (command !== 'search' && (invocation.text || invocation.plus || invocation.minus))
    throw new UsageError('--text, --plus and --minus belong to search');
  for (const kind of invocation.kinds ?? []) {
    if (!(DUPLICATE_KINDS as readonly string[]).includes(kind)) {
      const choices = `${DUPLICATE_KINDS.slice(0, -1).join(', ')} or ${DUPLICATE_KINDS.at(-1)}`;
      throw new UsageError(`--kind takes ${choices}, not "${kind}"`);
    }
  }
  const level = invocation.samePicture;
  if (level !== undefined && !(SAME_PICTURE_LEVELS as readonly string[]).includes(level)) {
    const choices = `${SAME_PICTURE_LEVELS.slice(0, -1).join(', ')} or ${SAME_PICTURE_LEVELS.at(-1)}`;
    throw new UsageError(`--same-picture takes ${choices}, not "${level}"`);
  }
}

/** Every command goes through the adapter every host uses, like any other client of the engine. */
async function call<M extends MethodName>(
  engine: DoppelEngine,
  method: M,
  request: MethodRequest<M>,
): Promise<MethodResponse<M>> {
  const answer = await answerEngineCall(engine, method, request);
  if (answer.error) throw new UserError(answer.error.code, answer.error.message);
  return answer.result as MethodResponse<M>;
}

async function runCommand(engine: DoppelEngine, invocation: CliInvocation, io: CliIo): Promise<void> {
  const print = (json: unknown, text: string) =>
    io.stdout(`${invocation.json ? JSON.stringify(json, null, 2) : text}\n`);
  switch (invocation.command) {
    case 'index': {
      const stopDownload = showModelDownload(engine, io);
      const stop = engine.onEvent((event, payload) => {
        if (event !== 'indexProgress' || invocation.json) return;
        const line = formatProgressLine(payload as Parameters<typeof formatProgressLine>[0], lineWidth(io));
        if (!line) return;
        io.stderr(io.interactive ? `\r\x1b[2K${line}` : `${line}\n`);
      });
      const cancel = () => void engine.cancelIndexing();
      process.once('SIGINT', cancel);
      try {
        const result = await call(engine, 'indexFolders', { paths: invocation.positionals });
        if (io.interactive && !invocation.json) io.stderr('\r\x1b[2K');
        print(result, formatIndexResult(result));
      } finally {
        stop();
        stopDownload();
        process.off('SIGINT', cancel);
      }
      return;
    }
    case 'search': {
      const image = invocation.positionals[0];
      const stop = showModelDownload(engine, io);
      const { results } = await call(engine, 'search', {
        image: image ? { path: image } : undefined,
        text: invocation.text,
        plus: invocation.plus,
        minus: invocation.minus,
        limit: invocation.limit ?? 20,
        maxDistance: invocation.maxDistance,
      }).finally(stop);
      print(
        { results: results.map((r) => ({ ...r.photo, path: r.path, distance: r.distance })) },
        formatSearchResults(results),
      );
      return;
    }
    case 'duplicates': {
      const kinds = invocation.kinds as DuplicateKind[] | undefined;
      const answer = await call(engine, 'duplicates', {
        maxDistance: invocation.maxDistance,
        kinds,
        samePicture: invocation.samePicture as SamePictureLevel | undefined,
      });
      print(answer, formatDuplicateGroups(answer.groups, answer.maxDistance, answer.samePicture));
      return;
    }
    case 'status': {
      const status = await call(engine, 'status', {});
      print(status, formatStatus(status));
      return;
    }
  }
}

/** The first run downloads the model: show bytes, speed and ETA on stderr (stdout stays clean for --json). */
function showModelDownload(engine: DoppelEngine, io: CliIo): () => void {
  let lastLine = 0;
  let shown = false;
  const stop = engine.onEvent((event, payload) => {
    if (event !== 'modelDownload') return;
    const progress = payload as ModelDownloadProgress;
    const done = progress.totalBytes !== null && progress.loadedBytes >= progress.totalBytes;
    // Redrawn in place on a terminal; in a log, a line every few seconds and the last one.
    if (!io.interactive && !done && Date.now() - lastLine < 5000) return;
    lastLine = Date.now();
    shown = true;
    const line = formatDownloadLine(progress, lineWidth(io));
    io.stderr(io.interactive ? `\r\x1b[2K${line}${done ? '\n' : ''}` : `${line}\n`);
  });
  return () => {
    stop();
    if (shown && io.interactive) io.stderr('\r\x1b[2K');
  };
}

function describeFailure(error: unknown): string {
  if (error instanceof DataDirBusyError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  if (/Could not locate file|Unauthorized access to file|fetch failed/i.test(message)) {
    return `could not get the model (${message.split('\n')[0]}). Offline? Pass --model DIR with a downloaded model folder.`;
  }
  return message.split('\n')[0]!;
}
