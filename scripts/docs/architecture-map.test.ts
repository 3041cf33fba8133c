import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const SKIPPED = new Set(['node_modules', 'dist', 'release', '.git', 'test-results', 'playwright-report']);

function projectFiles(dir = ROOT, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) projectFiles(path, found);
    else found.push(relative(ROOT, path).split(sep).join('/'));
  }
  return found;
}

/** Every `code span` in the map that names a source file (`indexing/indexer.ts`, `store/`, …). */
function namedFiles(markdown: string): string[] {
  const spans = [...markdown.matchAll(/`([^`\s]+)`/g)].map((match) => match[1]!);
  return spans.filter((span) => /\.(ts|tsx|mjs)$/.test(span) && !span.includes('*'));
}

describe('ARCHITECTURE.md', () => {
  // The map is only worth reading while it is true: a file it names that no longer exists fails here.
  it('names only files that exist', () => {
    const files = projectFiles();
    const named = namedFiles(readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8'));
    expect(named.length).toBeGreaterThan(30);
    const missing = named.filter((name) => !files.some((file) => file === name || file.endsWith(`/${name}`)));
    expect(missing).toEqual([]);
  });
});
