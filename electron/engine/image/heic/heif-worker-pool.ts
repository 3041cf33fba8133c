import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { sep } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface HeifPixels {
  rgba: Buffer;
  width: number;
  height: number;
}

/** A decode that failed in the worker: `tooLarge` for the pixel limit, else a damaged or foreign file. */
export class HeifWorkerError extends Error {
  constructor(
    message: string,
    readonly tooLarge: boolean,
  ) {
    super(message);
  }
}

interface Job {
  bytes: Uint8Array;
  maxPixels: number;
  resolve: (pixels: HeifPixels) => void;
  reject: (error: Error) => void;
}

/**
 * libheif (WASM) decodes synchronously: about a second for a 12-megapixel iPhone photo. Run it on worker
 * threads so the engine's event loop (HTTP, IPC, progress) never stalls, and two HEICs decode at once on a
 * machine with the cores for it. Workers start on the first HEIC and do not keep the process alive.
 */
class HeifWorkerPool {
  private idle: Worker[] = [];
  private busy = new Map<Worker, Job>();
  private queue: Job[] = [];
  private readonly size = Math.max(1, Math.min(4, availableParallelism() - 1));

  decode(bytes: Buffer, maxPixels: number): Promise<HeifPixels> {
    return new Promise((resolve, reject) => {
      // A private copy that can be transferred (readFile's Buffer may share its memory with others).
      this.queue.push({ bytes: new Uint8Array(bytes), maxPixels, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.busy.size < this.size ? this.spawn() : null);
      if (!worker) return;
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      worker.ref();
      worker.postMessage({ bytes: job.bytes, maxPixels: job.maxPixels }, [job.bytes.buffer as ArrayBuffer]);
    }
  }

  private spawn(): Worker {
    const worker = new Worker(`(${heifWorkerMain.toString()})()`, {
      eval: true,
      workerData: { libheifPath: libheifPath() },
    });
    worker.unref();
    worker.on('message', (message: WorkerAnswer) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      worker.unref();
      this.idle.push(worker);
      if (job) {
        if ('error' in message) job.reject(new HeifWorkerError(message.error, message.tooLarge));
        else job.resolve({ rgba: Buffer.from(message.rgba), width: message.width, height: message.height });
      }
      this.pump();
    });
    const fail = (error: Error) => {
      // A crashed worker (out of memory on a huge file) fails its own job only; the next job gets a new one.
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      this.idle = this.idle.filter((other) => other !== worker);
      job?.reject(new HeifWorkerError(`could not decode this HEIC file (${error.message})`, false));
      this.pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.busy.has(worker) || this.idle.includes(worker)) fail(new Error(`decoder stopped (${code})`));
    });
    return worker;
  }
}

type WorkerAnswer =
  { rgba: Uint8Array; width: number; height: number } | { error: string; tooLarge: boolean };

/**
 * The worker's whole program, evaluated from its source text (so it runs the same from TypeScript under test
 * and from the packaged build): self-contained, plain JavaScript, no imports from this module.
 */
function heifWorkerMain(): void {
  /* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
  const { parentPort, workerData } = require('node:worker_threads');
  const heif: any = require(workerData.libheifPath);
  parentPort.on('message', async ({ bytes, maxPixels }: { bytes: Uint8Array; maxPixels: number }) => {
    await heif.ready;
    const context = heif.heif_context_alloc();
    let handle: any = null;
    let image: any = null;
    try {
      const read = heif.heif_context_read_from_memory(context, bytes);
      if (read.code !== heif.heif_error_code.heif_error_Ok)
        throw new Error(`damaged or unsupported HEIC file (${read.message || 'unreadable'})`);
      const primary = heif.heif_js_context_get_primary_image_handle(context);
      if (!primary || 'code' in primary) throw new Error('HEIC file has no picture in it');
      handle = primary;
      const width = heif.heif_image_handle_get_width(handle);
      const height = heif.heif_image_handle_get_height(handle);
      if (width * height > maxPixels) {
        parentPort.postMessage({ error: 'too large', tooLarge: true });
        return;
      }
      // libheif applies irot/imir here: the pixels come out upright.
      const decoded = heif.heif_js_decode_image2(
        handle,
        heif.heif_colorspace.heif_colorspace_RGB,
        heif.heif_chroma.heif_chroma_interleaved_RGBA,
      );
      if (!decoded || !decoded.channels)
        throw new Error(`damaged HEIC picture (${(decoded && decoded.message) || 'no pixels'})`);
      image = decoded.image;
      const channel = decoded.channels.find((c: any) => c.id === heif.heif_channel.heif_channel_interleaved);
      if (!channel) throw new Error('damaged HEIC picture (no colour data)');
      const row = channel.width * 4;
      const rgba = new Uint8Array(row * channel.height);
      for (let y = 0; y < channel.height; y++)
        rgba.set(channel.data.subarray(y * channel.stride, y * channel.stride + row), y * row);
      parentPort.postMessage({ rgba, width: channel.width, height: channel.height }, [rgba.buffer]);
    } catch (error) {
      parentPort.postMessage({ error: (error as Error).message, tooLarge: false });
    } finally {
      if (image) heif.heif_image_release(image);
      if (handle) heif.heif_image_handle_release(handle);
      heif.heif_context_free(context);
    }
  });
  /* eslint-enable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
}

/**
 * libheif's path for the worker. In the packaged desktop app the module is unpacked from the asar archive
 * (package.json asarUnpack), so a worker thread loads it from plain files whatever its asar support.
 */
function libheifPath(): string {
  const resolved = require.resolve('libheif-js/wasm-bundle');
  const unpacked = resolved.replace(`app.asar${sep}`, `app.asar.unpacked${sep}`);
  return unpacked !== resolved && existsSync(unpacked) ? unpacked : resolved;
}

let pool: HeifWorkerPool | null = null;

export function decodeHeifOnWorker(bytes: Buffer, maxPixels: number): Promise<HeifPixels> {
  pool ??= new HeifWorkerPool();
  return pool.decode(bytes, maxPixels);
}
