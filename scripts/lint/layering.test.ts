import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');

/** The layering errors ESLint reports for `code` as if it were the file at `path` (nothing is written). */
async function layeringErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  return result!.messages.filter((message) => message.ruleId === 'local/layering').map((m) => m.message);
}

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

// Each boundary: one import across it that must fail, and one that it allows.
const cases: { boundary: string; file: string; forbidden: string; allowed: string }[] = [
  {
    boundary: 'shared/contract depends on nothing of ours',
    file: 'shared/contract/example.ts',
    forbidden: "import { groupDuplicates } from '../duplicates/grouping';",
    allowed: "import { DuplicateKindSchema } from './entities';",
  },
  {
    boundary: 'shared/duplicates knows only the contract',
    file: 'shared/duplicates/example.ts',
    forbidden: "import { DoppelEngine } from '../../electron/engine/doppel-engine';",
    allowed: "import type { DuplicateGraph } from '../contract/entities';",
  },
  {
    boundary: 'shared/testing depends on nothing of ours',
    file: 'shared/testing/example.ts',
    forbidden: "import { pairKey } from '../duplicates/policy';",
    allowed: "import { seededRandom } from './seeded-random';",
  },
  {
    boundary: 'the renderer imports shared only',
    file: 'renderer/src/duplicates/example.ts',
    forbidden: "import { UserError } from '../../../electron/engine/user-error';",
    allowed: "import { pairKey } from '../../../shared/duplicates/policy';",
  },
  {
    boundary: 'the engine does not import serve',
    file: 'electron/engine/library/example.ts',
    forbidden: "import { startHttpHost } from '../../serve/http-host';",
    allowed: "import { PairStore } from '../store/pair-store';",
  },
  {
    boundary: 'the engine does not import the CLI',
    file: 'electron/engine/example.ts',
    forbidden: "import { runCli } from '../cli/run-cli';",
    allowed: "import { clampThreshold } from '../../shared/duplicates/policy';",
  },
  {
    boundary: 'the engine does not import its hosts (engine-host, main)',
    file: 'electron/engine/example.ts',
    forbidden: "import type { EngineToMain } from '../engine-host/host-messages';",
    allowed: "import { decodePhoto } from './image/decode-photo';",
  },
  {
    boundary: 'the engine never imports electron',
    file: 'electron/engine/platform/example.ts',
    forbidden: "import { app } from 'electron';",
    allowed: "import { join } from 'node:path';",
  },
  {
    boundary: 'image decoding knows no database',
    file: 'electron/engine/image/example.ts',
    forbidden: "import type { Database } from '../store/database';",
    allowed: "import { openRegularFile } from '../platform/safe-file';",
  },
  {
    boundary: 'serve does not import the CLI',
    file: 'electron/serve/example.ts',
    forbidden: "import type { CliIo } from '../cli/run-cli';",
    allowed: "import { DoppelEngine } from '../engine/doppel-engine';",
  },
  {
    boundary: 'the CLI does not import Electron main',
    file: 'electron/cli/example.ts',
    forbidden: "import { EngineProcess } from '../main/engine-process';",
    allowed: "import { runServeCommand } from '../serve/serve-command';",
  },
  {
    boundary: 'engine-host uses electron as types only',
    file: 'electron/engine-host/example.ts',
    forbidden: "import { utilityProcess } from 'electron';",
    allowed: "import type { UtilityProcess } from 'electron';",
  },
  {
    boundary: "main never loads the engine's code",
    file: 'electron/main/example.ts',
    forbidden: "import { SUPPORTED_EXTENSIONS } from '../engine/image/supported-formats';",
    allowed: "import { app } from 'electron';",
  },
  {
    boundary: 'main knows the utility process only by its message types',
    file: 'electron/main/example.ts',
    forbidden: "import { chooseEngineModel } from '../engine-host/model-choice';",
    allowed: "import type { EngineToMain } from '../engine-host/host-messages';",
  },
  {
    boundary: 'testing/ folders are for tests only',
    file: 'electron/engine/indexing/example.ts',
    forbidden: "import { seededRandom } from '../testing/seeded-random';",
    allowed: "import { seededRandom } from '../testing/seeded-random';",
  },
];

describe('the layering lint rule', () => {
  for (const { boundary, file, forbidden, allowed } of cases) {
    it(`${boundary}: ${file}`, async () => {
      const errors = await layeringErrors(file, `${forbidden}\nexport {};\n`);
      expect(errors, forbidden).toHaveLength(1);
      expect(errors[0]).toMatch(/may not import|is test code/);
      // The testing case allows the same import from a test file beside it.
      const allowedFile = boundary.startsWith('testing/') ? file.replace(/\.ts$/, '.test.ts') : file;
      expect(await layeringErrors(allowedFile, `${allowed}\nexport {};\n`), allowed).toEqual([]);
    });
  }

  it('lets testing/ helpers be used by other testing/ files, e2e/ and the benchmarks, not the build scripts', async () => {
    const seeded =
      "import { seededRandom } from '../../electron/engine/testing/seeded-random';\nexport {};\n";
    expect(await layeringErrors('scripts/bench/example.ts', seeded)).toEqual([]);
    expect(
      await layeringErrors(
        'e2e/example.ts',
        "import { TINY_MODEL_DIR } from '../electron/engine/testing/library-fixture';\n",
      ),
    ).toEqual([]);
    expect(
      await layeringErrors(
        'electron/engine/model/testing/example.ts',
        "import { seededRandom } from '../../testing/seeded-random';\n",
      ),
    ).toEqual([]);
    expect(await layeringErrors('scripts/packaging/example.ts', seeded)).toHaveLength(1);
  });

  it('sees dynamic imports and re-exports too', async () => {
    const file = 'electron/engine/image/example.ts';
    expect(await layeringErrors(file, "export { openDatabase } from '../store/database';\n")).toHaveLength(1);
    expect(await layeringErrors(file, "export * from '../store/database';\n")).toHaveLength(1);
    expect(
      await layeringErrors(file, "export const load = () => import('../store/database');\n"),
    ).toHaveLength(1);
  });

  it('reports an import of one of our folders that no layer lists (an allow-list, not a deny-list)', async () => {
    expect(
      await layeringErrors('renderer/src/example.ts', "import { x } from '../../scripts/bench/machine';\n"),
    ).toHaveLength(1);
    expect(
      await layeringErrors('electron/engine/example.ts', "import { x } from '../../e2e/journey-helpers';\n"),
    ).toHaveLength(1);
  });
});
