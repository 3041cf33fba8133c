import type { WireError } from '../../shared/contract/errors';
import { answerEngineCall, answerSomeCalls, toWireError } from '../engine/api/engine-adapter';
import { DoppelEngine } from '../engine/doppel-engine';
import { modelCacheDir } from '../engine/model/clip-vision-model';
import { DEFAULT_MODEL } from '../engine/model/model-source';
import { readSettings } from '../engine/platform/settings-file';
import type { TrashBin } from '../engine/trash/trash-bin';
import { UserError } from '../engine/user-error';
import { startHttpHost } from '../serve/http-host';
import type { EngineToMain, MainToEngine } from './host-messages';
import { decideEngineStart } from './engine-start-decision';
import { desktopTrashBin } from './desktop-trash';
import { chooseEngineModel } from './model-choice';
import { SettingsWithoutEngine } from './settings-without-engine';

type PortListener = (event: { data: MainToEngine }) => void;

/**
 * The engine inside Electron's utilityProcess: onnxruntime-node and chdb live here, not in main, where
 * they are known to crash or clash. Main relays contract calls; pixels go through a loopback HTTP host
 * that main's custom protocol proxies, so no image ever crosses IPC.
 */
interface ParentPort {
  postMessage(message: EngineToMain): void;
  on(event: 'message', listener: PortListener): void;
  off(event: 'message', listener: PortListener): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('utility-entry runs only inside an Electron utilityProcess');
const port = parentPort;

let nextTrashId = 1;
const pendingTrash = new Map<number, (error: string | null) => void>();

/** Trash through main's shell.trashItem (macOS, Windows): the OS trash, where the user can restore from. */
const osTrash: TrashBin = {
  moveToTrash: (path) =>
    new Promise((resolve, reject) => {
      const id = nextTrashId++;
      pendingTrash.set(id, (error) => (error ? reject(new Error(error)) : resolve()));
      port.postMessage({ type: 'trash', id, path });
    }),
};

async function main(): Promise<void> {
  const dataDir = process.env.DOPPEL_DATA_DIR;
  if (!dataDir) throw new Error('The engine was started without a data folder (DOPPEL_DATA_DIR).');
  const mediaToken = process.env.DOPPEL_MEDIA_TOKEN;
  if (!mediaToken) throw new Error('The engine was started without a media token (DOPPEL_MEDIA_TOKEN).');
  const decision = decideEngineStart(process.platform, readSettings(dataDir).storage.kind);
  const stopAnsweringSettings =
    decision.kind === 'needs-server'
      ? await answerSettingsUntilEngineCanStart(dataDir, decision.message)
      : null;
  const model = chooseEngineModel({
    envModel: process.env.DOPPEL_MODEL,
    settingsModel: readSettings(dataDir).model,
    defaultModel: DEFAULT_MODEL,
    bundledDir: process.env.DOPPEL_BUNDLED_MODEL,
    cacheDir: modelCacheDir(dataDir),
  });
  // Tests (and anyone who wants a review folder) send trashed files to DOPPEL_TRASH_DIR instead of the OS trash.
  const trash = desktopTrashBin(process.platform, process.env.DOPPEL_TRASH_DIR, osTrash);
  const engine = await DoppelEngine.open({
    dataDir,
    role: 'app',
    trash,
    model,
    // chooseEngineModel overrides settings only with DOPPEL_MODEL or the offline installer's bundled copy.
    modelOrigin: process.env.DOPPEL_MODEL ? 'environment' : 'bundled',
    watch: process.env.DOPPEL_WATCH !== '0',
  });
  // Pixels only for main's token: the window reaches the engine's methods over IPC, so with it this loopback
  // host serves no API and no pages. The API answers only the hand-off token, which only the owner file
  // holds: the CLI run beside the app hands its command here instead of being refused.
  const media = await startHttpHost({
    engine,
    mediaOnly: true,
    host: '127.0.0.1',
    port: 0,
    token: mediaToken,
    handoff: true,
  });
  if (media.handoff) engine.advertise({ handoff: media.handoff });
  engine.onEvent((event, payload) => port.postMessage({ type: 'event', event, payload }));
  stopAnsweringSettings?.();
  port.on('message', ({ data }) => {
    if (data.type === 'trashed') {
      pendingTrash.get(data.id)?.(data.error);
      pendingTrash.delete(data.id);
      return;
    }
    if (data.type === 'upload') {
      engine.saveUpload(Buffer.from(data.bytes)).then(
        (result) => port.postMessage({ type: 'result', id: data.id, result }),
        (error: unknown) => port.postMessage({ type: 'result', id: data.id, error: toWireError(error) }),
      );
      return;
    }
    if (data.type === 'isIndexed') {
      // Main shows a file in the file manager only for photos in the library, so the window cannot probe the disk.
      const check = typeof data.path === 'string' ? engine.isIndexed(data.path) : Promise.resolve(false);
      check.then(
        (result) => port.postMessage({ type: 'result', id: data.id, result }),
        (error: unknown) => port.postMessage({ type: 'result', id: data.id, error: toWireError(error) }),
      );
      return;
    }
    if (data.type === 'shutdown') {
      // Stop indexing, close the embedded database and release the data-folder lock before exiting.
      void media
        .close()
        .then(() => engine.close())
        .finally(() => process.exit(0));
      return;
    }
    void answer(engine, data);
  });
  port.postMessage({ type: 'ready', mediaBase: media.url });
}

/**
 * Windows with the embedded database (the default): no engine could open it, and failing would have main
 * restart us in a loop. Instead say so (the window leads to Settings) and answer what Settings asks,
 * until a saved ClickHouse server lets the engine start. Resolves then, to a function that stops answering
 * (called once the engine's own handler is in place; calls in between are told to try again).
 */
function answerSettingsUntilEngineCanStart(dataDir: string, message: string): Promise<() => void> {
  const settings = new SettingsWithoutEngine(dataDir);
  let opening = false;
  port.postMessage({ type: 'needs-server', message });
  return new Promise((resolve) => {
    const listener: PortListener = ({ data }) => {
      if (data.type === 'shutdown') process.exit(0);
      const refusal: WireError = opening
        ? { code: 'starting', message: 'Doppel’s engine is opening the server: try again in a moment.' }
        : { code: 'needs-server', message };
      if (data.type === 'upload') {
        port.postMessage({ type: 'result', id: data.id, error: refusal });
        return;
      }
      if (data.type !== 'call') return;
      void (async () => {
        const answer = await answerSomeCalls(
          opening ? {} : settings.handlers(),
          data.method,
          data.request,
          () => new UserError(refusal.code, refusal.message),
        );
        port.postMessage({ type: 'result', id: data.id, ...answer });
        if (answer.error || opening) return;
        const now = decideEngineStart(process.platform, readSettings(dataDir).storage.kind);
        if (now.kind === 'start') {
          opening = true;
          resolve(() => port.off('message', listener));
        }
      })();
    };
    port.on('message', listener);
  });
}

/** Contract calls are parsed here, once, by the adapter every host uses; main relays them as they came. */
async function answer(engine: DoppelEngine, call: Extract<MainToEngine, { type: 'call' }>): Promise<void> {
  port.postMessage({
    type: 'result',
    id: call.id,
    ...(await answerEngineCall(engine, call.method, call.request)),
  });
}

main().catch((error: Error) => {
  port.postMessage({ type: 'fatal', message: error.message });
  process.exit(1);
});
