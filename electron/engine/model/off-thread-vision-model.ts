import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ClipVisionModel } from './clip-vision-model';
import type { VisionLoadRequest } from './vision-model-in-thread';
import type { FromVisionWorker, ToVisionWorker, VisionModelDescription } from './vision-worker-protocol';

/**
 * How to start the worker: its compiled script beside this file, or (under tsx and the tests, which run the
 * TypeScript sources) the source through tsx's CommonJS hook, the one tsx loader a worker thread accepts.
 */
function workerStart(): { script: string; eval: boolean } | null {
  const compiled = join(__dirname, 'vision-model-worker.js');
  if (existsSync(compiled)) return { script: compiled, eval: false };
  const source = join(__dirname, 'vision-model-worker.ts');
  if (!existsSync(source)) return null;
  let hook: string;
  try {
    hook = createRequire(source).resolve('tsx/cjs');
  } catch {
    return null;
  }
  return { script: `require(${JSON.stringify(hook)}); require(${JSON.stringify(source)});`, eval: true };
}

/**
 * The vision tower on a worker thread of its own. onnxruntime-node runs an inference synchronously on the
 * thread that asks: on the engine's thread each batch of 8 stopped everything else for 0.55-0.86 s (measured
 * mid-run on 1k 12 MP photos), thumbnails and API answers included. Resolves null when no worker can start
 * (its script missing, or the thread dying before it says anything): the caller then loads the model on its
 * own thread. A model that fails to load rejects with the loader's message, as the in-thread load would.
 */
export function loadVisionOffThread(request: VisionLoadRequest): Promise<ClipVisionModel | null> {
  // Said once on stderr: the app still works, but every batch then holds up the engine's thread again.
  const inThread = (reason: string) => {
    console.error(`doppel: the image model runs on the engine's thread: its worker ${reason}`);
    return null;
  };
  const start = workerStart();
  if (!start) return Promise.resolve(inThread('script is missing'));
  let worker: Worker;
  try {
    worker = new Worker(start.script, { eval: start.eval, workerData: request });
  } catch (error) {
    return Promise.resolve(inThread(`could not start (${(error as Error).message})`));
  }
  return new Promise((resolve, reject) => {
    let failed = false; // an error is followed by an exit: one line, for the first
    const failedToStart = (why: Error | number) => {
      if (failed) return;
      failed = true;
      resolve(inThread(typeof why === 'number' ? `exited with code ${why}` : `failed (${why.message})`));
    };
    worker.once('error', failedToStart);
    worker.once('exit', failedToStart);
    worker.once('message', (message: FromVisionWorker) => {
      worker.off('error', failedToStart);
      worker.off('exit', failedToStart);
      if (message.kind === 'ready') resolve(modelOnWorker(worker, message.model));
      else {
        void worker.terminate();
        reject(
          new Error(message.kind === 'failed' ? message.message : 'the model worker answered out of turn'),
        );
      }
    });
  });
}

function modelOnWorker(worker: Worker, description: VisionModelDescription): ClipVisionModel {
  const pending = new Map<
    number,
    { resolve: (vectors: Float32Array[]) => void; reject: (error: Error) => void }
  >();
  let nextId = 0;
  let stopped: Error | null = null;
  // An idle worker does not keep a finished command's process alive; one with an embed under way does.
  worker.unref();
  const stop = (reason: Error) => {
    stopped ??= reason;
    for (const { reject } of pending.values()) reject(stopped);
    pending.clear();
  };
  worker.on('error', (error) => stop(new Error(`the image model stopped: ${error.message}`)));
  worker.on('exit', (code) =>
    stop(new Error(`the image model stopped (its thread exited with code ${code})`)),
  );
  worker.on('message', (message: FromVisionWorker) => {
    if (message.kind !== 'embedded' && message.kind !== 'embed-failed') return;
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (pending.size === 0) worker.unref();
    if (message.kind === 'embed-failed') waiting.reject(new Error(message.message));
    else waiting.resolve(splitVectors(message.vectors, description.dims));
  });
  const send = (message: ToVisionWorker, transfer: ArrayBuffer[] = []) =>
    worker.postMessage(message, transfer);

  return {
    ...description,
    embed(pixelValues, count) {
      if (stopped) return Promise.reject(stopped);
      const { cropWidth, cropHeight } = description.preprocessing;
      // A copy of exactly this batch, handed over rather than cloned: the caller keeps its buffer.
      const pixels = pixelValues.slice(0, count * 3 * cropWidth * cropHeight);
      const id = nextId++;
      return new Promise<Float32Array[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.ref();
        send({ kind: 'embed', id, pixels, count }, [pixels.buffer as ArrayBuffer]);
      });
    },
    async dispose() {
      if (stopped) return;
      stop(new Error('the image model was closed'));
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.ref();
      send({ kind: 'dispose' });
      // A worker that does not end by itself (a native handle left open) is ended.
      const ended = await Promise.race([exited.then(() => true), delay(10_000).then(() => false)]);
      if (!ended) await worker.terminate();
    },
  };
}

function splitVectors(joined: Float32Array, dims: number): Float32Array[] {
  const vectors: Float32Array[] = [];
  for (let offset = 0; offset < joined.length; offset += dims)
    vectors.push(joined.subarray(offset, offset + dims));
  return vectors;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
