/** Where hub models come from. Tests and mirrors point DOPPEL_MODEL_HOST at their own server. */
export const DEFAULT_MODEL_HOST = 'https://huggingface.co/';
export const DEFAULT_REVISION = 'main';

export function modelHost(env: NodeJS.ProcessEnv = process.env): string {
  const host = env.DOPPEL_MODEL_HOST?.trim() || DEFAULT_MODEL_HOST;
  return host.endsWith('/') ? host : `${host}/`;
}

/** The hub's layout, the same as transformers.js's `{remoteHost}{model}/resolve/{revision}/{file}`. */
export function hubFileUrl(host: string, repo: string, revision: string, file: string): string {
  const path = file.split('/').map(encodeURIComponent).join('/');
  return `${host}${repo}/resolve/${encodeURIComponent(revision)}/${path}`;
}
