/**
 * transformers.js is an ES module (its CommonJS build drags in the web runtime too); a dynamic import also
 * keeps it, and onnxruntime, off the start-up path of commands that never embed.
 */
export function loadTransformers() {
  return import('@huggingface/transformers');
}

/**
 * transformers.js only ever reads complete, verified local folders: Doppel downloads hub models itself
 * (resumable, checksummed, see download/), so transformers.js never touches the network or its own cache.
 */
export async function configureTransformers(cacheDir: string) {
  const transformers = await loadTransformers();
  const { env } = transformers;
  env.cacheDir = cacheDir;
  env.useFSCache = false;
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  return transformers;
}
