import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { loadVisionInThread, type VisionLoadRequest } from './vision-model-in-thread';
import type { FromVisionWorker, ToVisionWorker } from './vision-worker-protocol';

/**
 * The vision tower's own thread (started by off-thread-vision-model.ts): it loads the model, then answers
 * embed requests one at a time, so the engine's thread keeps serving thumbnails, the API and inserts while
 * onnxruntime holds this one.
 */
async function serveModel(port: MessagePort, request: VisionLoadRequest): Promise<void> {
  const send = (message: FromVisionWorker, transfer: ArrayBuffer[] = []) =>
    port.postMessage(message, transfer);
  let model;
  try {
    model = await loadVisionInThread(request);
  } catch (error) {
    send({ kind: 'failed', message: (error as Error).message ?? String(error) });
    return;
  }
  const { embed, dispose, ...description } = model;
  send({ kind: 'ready', model: description });
  let queue = Promise.resolve();
  port.on('message', (message: ToVisionWorker) => {
    queue = queue.then(async () => {
      if (message.kind === 'dispose') {
        await dispose();
        port.close();
        return;
      }
      try {
        const vectors = await embed(message.pixels, message.count);
        const joined = new Float32Array(vectors.length * description.dims);
        vectors.forEach((vector, index) => joined.set(vector, index * description.dims));
        send({ kind: 'embedded', id: message.id, vectors: joined }, [joined.buffer]);
      } catch (error) {
        send({ kind: 'embed-failed', id: message.id, message: (error as Error).message ?? String(error) });
      }
    });
  });
}

if (parentPort) void serveModel(parentPort, workerData as VisionLoadRequest);
