import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The built renderer (dist/renderer), found from the package root so it resolves the same whether this
 * code runs compiled from dist/ or from source under tsx (tests).
 */
export function builtRendererDir(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'renderer');
}
