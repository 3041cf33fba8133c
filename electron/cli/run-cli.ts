import { resolve } from 'node:path';
import { requestLimits } from '../../shared/contract/methods';
import type { DuplicateKind, ModelDownloadProgress } from '../../shared/contract/entities';
import { DUPLICATE_KINDS } from '../../shared/duplicates/policy';
import { exportDuplicateGroups, keeperReasonsOf } from './duplicates-export';
import type { SamePictureLevel } from '../../shared/contract/entities';
import { SAME_PICTURE_LEVELS } from '../../shared/duplicates/same-picture-levels';
import { DoppelEngine } from '../engine/doppel-engine';
import { DataDirBusyError } from '../engine/platform/data-dir-lock';
import { setVerbose } from '../engine/platform/verbose-log';
import {
  formatDownloadLine,
  formatDuplicateGroups,
  formatIndexResult,
  formatProgressLine,
  formatSearchResults,
  formatStatus,
} from './cli-format';
import { anyStageFailed, formatUnfinishedStages } from './cli-stages';
import { followRunningStage } from './stage-follower';
import { localConnection, type EngineConnection } from './engine-connection';
import { connectToHolder } from './handoff-client';
import { handoffTargetOf } from './handoff-target';
import { formatMoveResult } from './cli-move-format';
import { UserError } from '../engine/user-error';
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
    let connection: EngineConnection;
    try {
      engine = await DoppelEngine.open({
        dataDir: invocation.dataDir,
        role: invocation.command,
        model: invocation.model,
        modelOrigin: invocation.modelOrigin,
        storage: invocation.storage,
      });
      connection = localConnection(engine);
    } catch (error) {
      connection = await handOff(error, io);
    }
    return await runCommand(connection, invocation, io);
  } catch (error) {
    io.stderr(`doppel: ${terminalText(describeFailure(error))}\n`); // messages quote file names
    return 1;
  } finally {
    await engine?.close().catch(() => undefined);
  }
}

function validateArguments(invocation: CliInvocation): void {
  const { command, positionals } = invocation;
  const known = ['index', 'search', 'duplicates', 'status', 'serve', 'protect', 'unprotect', 'move'];
  if (!known.includes(command!)) throw new UsageError(`unknown command "${command}"`);
  if (command === 'index' && positionals.length === 0)
    throw new UsageError('index needs at least one folder');
  if (command === 'index' && positionals.length > requestLimits.indexFolders)
    throw new UsageError(
      `index takes at most ${requestLimits.indexFolders} folders at once (index their parent folder, or run it in batches)`,
    );
  if (command === 'move' && (!invocation.to || positionals.length === 0))
    throw new UsageError('move needs --to DIR and at least one photo');
  if (command === 'move' && positionals.length > requestLimits.trashPaths)
    throw new UsageError(`move takes at most ${requestLimits.trashPaths} photos at once (run it in batches)`);
  if (command !== 'move' && invocation.to) throw new UsageError('--to belongs to move');
  if (command === 'search' && positionals.length > 1)
    throw new UsageError('search takes one image (quote words and pass them with --text)');
  if (command === 'search' && positionals.length === 0 && !invocation.text && !invocation.plus?.length)
    throw new UsageError('search needs an image or --text "words"');
  if ((command === 'protect' || command === 'unprotect') && positionals.length === 0)
    throw new UsageError(`${command} needs at least one library folder`);
  if (command !== 'duplicates' && invocation.keeperRule)
    throw new UsageError('--keeper-rule belongs to duplicates');
  if (command !== 'duplicates' && invocation.format === 'csv')
    throw new UsageError('--format csv belongs to duplicates');
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

/**
 * Another Doppel holds the data folder: run the command there, through its API, when its owner file says
 * how (a loopback URL and a hand-off token) and it answers; otherwise rethrow the refusal, which names it.
 */
async function handOff(error: unknown, io: CliIo): Promise<EngineConnection> {
  const target = error instanceof DataDirBusyError ? handoffTargetOf(error.owner) : null;
  const connection = target ? await connectToHolder(target) : null;
  if (!target || !connection) throw error;
  io.stderr(`Handed to the running Doppel (${target.role}, pid ${target.pid})\n`);
  return connection;
}

/**
 * The same code for the engine here or the one a command was handed to. Paths are made absolute here: the
 * engine resolves a relative one against its own working folder, which is not the user's when handed off.
 * The exit code: 0, or 1 when the command did its part but something a script must see did not happen.
 */
async function runCommand(engine: EngineConnection, invocation: CliInvocation, io: CliIo): Promise<number> {
  const call = engine.call.bind(engine);
  const print = (json: unknown, text: string) =>
    io.stdout(`${invocation.json ? JSON.stringify(json, null, 2) : text}\n`);
  const stagesNow = async () => (await call('status', {})).stages ?? [];
  switch (invocation.command) {
    case 'index': {
      const stopDownload = await showModelDownload(engine, io);
      const stages = followRunningStage(stagesNow);
      const stop = await engine.onEvent((event, payload) => {
        if (event !== 'indexProgress' || invocation.json) return;
        stages.poke();
        const progress = payload as Parameters<typeof formatProgressLine>[0];
        const line = formatProgressLine(progress, lineWidth(io), stages.current());
        if (!line) return;
        io.stderr(io.interactive ? `\r\x1b[2K${line}` : `${line}\n`);
      });
      const cancel = () => void call('cancelIndexing', {}).catch(() => undefined);
      process.once('SIGINT', cancel);
      try {
        const result = await call('indexFolders', { paths: invocation.positionals.map((p) => resolve(p)) });
        if (io.interactive && !invocation.json) io.stderr('\r\x1b[2K');
        // Identical files and copies are listed even when the similar stage still waits (for the model, say):
        // a waiting stage is not a failure, so the exit code stays 0; a failed one will not finish by itself.
        const after = await stagesNow().catch(() => []);
        print(after.length > 0 ? { ...result, stages: after } : result, formatIndexResult(result));
        const unfinished = formatUnfinishedStages(after);
        if (unfinished) io.stderr(`${unfinished}\n`);
        return anyStageFailed(after) ? 1 : 0;
      } finally {
        stop();
        stopDownload();
        process.off('SIGINT', cancel);
      }
    }
    case 'search': {
      const image = invocation.positionals[0];
      const stop = await showModelDownload(engine, io);
      const { results, coverage } = await call('search', {
        image: image ? { path: resolve(image) } : undefined,
        text: invocation.text,
        plus: invocation.plus,
        minus: invocation.minus,
        limit: invocation.limit ?? 20,
        maxDistance: invocation.maxDistance,
      }).finally(stop);
      const partial = coverage && coverage.embedded < coverage.total;
      if (partial && !invocation.json)
        io.stderr(
          `Searched ${coverage.embedded} of ${coverage.total} photos; the rest are still being read.\n`,
        );
      print(
        {
          results: results.map((r) => ({ ...r.photo, path: r.path, distance: r.distance })),
          ...(coverage ? { coverage } : {}),
        },
        formatSearchResults(results),
      );
      return 0;
    }
    case 'duplicates': {
      const kinds = invocation.kinds as DuplicateKind[] | undefined;
      const { keeperRule, format } = invocation;
      const answer = await call('duplicates', {
        maxDistance: invocation.maxDistance,
        kinds,
        keeperRule,
        samePicture: invocation.samePicture as SamePictureLevel | undefined,
      });
      // Why each keeper, and the export's sizes, pixels and dates: the graph has them (the groups only paths).
      const graph = await call('duplicateGraph', {});
      if (!format) {
        const reasons = keeperReasonsOf(answer.groups, {
          ...graph,
          keeperRule: keeperRule ?? graph.keeperRule,
        });
        const machines = new Map(graph.photos.flatMap((p) => (p.machine ? [[p.path, p.machine]] : [])));
        io.stdout(
          `${formatDuplicateGroups(answer.groups, answer.maxDistance, answer.samePicture, reasons, (path) => machines.get(path))}\n`,
        );
        return 0;
      }
      const exported = exportDuplicateGroups(format, answer, {
        ...graph,
        keeperRule: keeperRule ?? graph.keeperRule,
      });
      io.stdout(format === 'json' ? `${exported}\n` : exported);
      return 0;
    }
    case 'protect':
    case 'unprotect': {
      const protect = invocation.command === 'protect';
      const done = [];
      for (const path of invocation.positionals)
        done.push(await call('protectFolder', { path: resolve(path), protected: protect }));
      print(
        { folders: done },
        done
          .map(({ path }) =>
            protect
              ? `Protected ${terminalText(path)}: its photos are never trashed and always the keeper.`
              : `${terminalText(path)} is no longer protected.`,
          )
          .join('\n'),
      );
      return 0;
    }
    case 'move': {
      const answer = await call('moveToFolder', {
        paths: invocation.positionals.map((path) => resolve(path)),
        destination: resolve(invocation.to!),
      });
      print(answer, formatMoveResult(answer));
      if (answer.failed.length > 0)
        throw new UserError('failed', `${answer.failed.length} of the photos were not moved (see above)`);
      return 0;
    }
    case 'status': {
      const status = await call('status', {});
      print(status, formatStatus(status));
      return 0;
    }
  }
  return 2; // validateArguments admits no other command
}

/** The first run downloads the model: show bytes, speed and ETA on stderr (stdout stays clean for --json). */
async function showModelDownload(engine: EngineConnection, io: CliIo): Promise<() => void> {
  let lastLine = 0;
  let shown = false;
  const stop = await engine.onEvent((event, payload) => {
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
