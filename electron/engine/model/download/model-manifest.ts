import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Verified files of one downloaded model. A file is listed only after its size and checksum passed. */
export interface ModelManifest {
  repo: string;
  revision: string;
  files: Record<string, { size: number; sha256: string }>;
}

export const MANIFEST_NAME = '.doppel-manifest.json';

export function readManifest(dir: string, repo: string, revision: string): ModelManifest {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_NAME), 'utf8')) as ModelManifest;
    if (manifest.repo === repo && manifest.revision === revision && manifest.files) return manifest;
  } catch {
    // missing or unreadable: nothing is verified yet
  }
  return { repo, revision, files: {} };
}

/** Written to a temporary name and renamed, so a crash never leaves a manifest that lies. */
export function writeManifest(dir: string, manifest: ModelManifest): void {
  const path = join(dir, MANIFEST_NAME);
  writeFileSync(`${path}.tmp`, JSON.stringify(manifest, null, 2));
  renameSync(`${path}.tmp`, path);
}

/** Listed and still the size it was verified at (a truncated or replaced file must be fetched again). */
export function isVerified(dir: string, manifest: ModelManifest, file: string): boolean {
  const entry = manifest.files[file];
  if (!entry) return false;
  try {
    return statSync(join(dir, ...file.split('/'))).size === entry.size;
  } catch {
    return false;
  }
}
