import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the installer ships from node_modules, for the packaging tests: every production package folder
 * under `root`, as npm resolved the dependency tree.
 */
export function productionPackageDirs(root: string): string[] {
  const output = execFileSync('npm', ['ls', '--omit=dev', '--parseable', '--all'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return [...new Set(output.split('\n').filter((line) => line && line !== root))];
}

/**
 * Everything of one package but its folders (symbolic links included: the installer ships them too), not
 * descending into its own node_modules (those are packages of their own).
 */
export function packageFiles(dir: string): string[] {
  const files: string[] = [];
  const visit = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) visit(path);
      else files.push(path);
    }
  };
  visit(dir);
  return files;
}
