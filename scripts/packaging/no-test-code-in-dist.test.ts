import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');

/** Every file `tsc -p tsconfig.node.json` would emit into dist/: the included files and all they import. */
function builtSources(): string[] {
  const configPath = resolve(ROOT, 'tsconfig.node.json');
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dirname(configPath));
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  return program
    .getSourceFiles()
    .filter((file) => !file.isDeclarationFile && !program.isSourceFileFromExternalLibrary(file))
    .map((file) => relative(ROOT, file.fileName).split('\\').join('/'));
}

describe('the Node build', () => {
  it('ships no test code: no testing/ helpers, tests or tsx-run test tools in dist/', () => {
    const sources = builtSources();
    expect(sources).toContain('electron/engine/doppel-engine.ts');
    const testCode = sources.filter(
      (path) =>
        path.split('/').includes('testing') ||
        /\.test\.tsx?$/.test(path) ||
        path.startsWith('scripts/bench/') ||
        path === 'scripts/make-test-model.ts',
    );
    expect(testCode).toEqual([]);
  });
});
