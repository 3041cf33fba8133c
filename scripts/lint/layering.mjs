import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Which folder may import which, as an allow-list (like VS Code's code-layering rule): an import of one of
 * our folders that its layer does not list is a lint error. A layer may always import itself and the layers
 * inside it (electron/engine may import electron/engine/image, not the other way round). Files outside
 * every layer (scripts/, e2e/, bin/, configs) may import anything, except testing/ folders (below).
 *
 * - mayImport: folders (a layer or any folder above one: 'shared' covers shared/contract) and 'npm:electron'
 *   for the Electron package;
 * - mayImportTypes: the same, for `import type` only (erased at build, so nothing is loaded at run time);
 * - testsMayImport: more, for the folder's test files only.
 */
export const LAYERS = [
  {
    folder: 'shared/contract',
    mayImport: [],
    why: 'the contract runs in every process, the renderer included, so it depends on nothing of ours',
  },
  {
    folder: 'shared/duplicates',
    mayImport: ['shared/contract'],
    why: 'the duplicate rules run in the renderer and in the engine alike, so they know only the contract',
  },
  {
    folder: 'shared/machines',
    mayImport: [],
    why: "how another computer's photo is named in a shared index: the renderer and the engine read it alike",
  },
  {
    folder: 'shared/random',
    mayImport: [],
    why: 'deterministic pseudo-random numbers, pure: the engine (cell training) and every test tool use them',
  },
  {
    folder: 'shared/testing',
    mayImport: ['shared/random'],
    why: "pure test tools that every process's tests use (the renderer's too), so they depend on nothing of ours",
  },
  {
    folder: 'renderer',
    mayImport: ['shared'],
    why: 'the renderer is DOM only and asks the engine through the contract',
  },
  {
    folder: 'electron/engine/image',
    // platform/ holds the OS-level file helpers (opening only regular files); it knows no database either.
    mayImport: ['shared', 'electron/engine/platform'],
    why: 'image decoding knows no database and no host: it reads files and returns pixels',
  },
  {
    folder: 'electron/engine',
    mayImport: ['shared'],
    why: 'the engine does not know its hosts (desktop, serve, CLI) and runs without Electron',
  },
  {
    folder: 'electron/serve',
    mayImport: ['electron/engine', 'shared'],
    why: 'the HTTP host serves the engine; it knows neither the CLI nor Electron',
  },
  {
    folder: 'electron/cli',
    // `doppel serve` is a CLI command: the CLI starts the HTTP host.
    mayImport: ['electron/engine', 'electron/serve', 'shared'],
    why: 'the CLI drives the engine (and serve) in a plain Node process, without Electron',
  },
  {
    folder: 'electron/engine-host',
    mayImport: ['electron/engine', 'electron/serve', 'shared'],
    // It talks to main through process.parentPort: Electron's types at most, never its module.
    mayImportTypes: ['npm:electron'],
    why: 'the utility process hosts the engine and the media server; Electron is types only there',
  },
  {
    folder: 'electron/main',
    mayImport: ['shared', 'npm:electron'],
    // The messages it exchanges with the utility process, as types.
    mayImportTypes: ['electron/engine-host'],
    // A test checks that the desktop app's library folder is the engine's default one.
    testsMayImport: ['electron/engine'],
    why: "main runs Electron and relays to the engine's process; it never loads the engine's code",
  },
];

/** Files outside testing/ folders that may import them: test tools that run through tsx, never shipped. */
const TESTING_USERS = ['e2e', 'scripts/bench', 'scripts/make-test-model.ts'];

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;

function toPosix(path) {
  return path.split(sep).join('/');
}

function isInside(path, folder) {
  return path === folder || path.startsWith(`${folder}/`);
}

function layerOf(path) {
  let found = null;
  for (const layer of LAYERS)
    if (isInside(path, layer.folder) && (!found || layer.folder.length > found.folder.length)) found = layer;
  return found;
}

function isTestingPath(path) {
  return path.split('/').includes('testing');
}

/** The import as a repository path ('shared/contract/methods'), 'npm:electron', or null when not ours. */
function targetOf(specifier, fromFile) {
  if (specifier === 'electron' || specifier.startsWith('electron/')) return 'npm:electron';
  if (!specifier.startsWith('.')) return null;
  const target = toPosix(relative(ROOT, resolve(dirname(fromFile), specifier)));
  return target.startsWith('..') ? null : target;
}

function allows(list, target) {
  return (list ?? []).some((entry) => isInside(target, entry));
}

function isTypeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const specifiers = node.specifiers ?? [];
  return (
    specifiers.length > 0 &&
    specifiers.every((specifier) => specifier.importKind === 'type' || specifier.exportKind === 'type')
  );
}

const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports between our folders follow the allow-list in scripts/lint/layering.mjs.' },
    schema: [],
    messages: {
      notAllowed: '{{from}} may not import {{target}}: {{why}} (scripts/lint/layering.mjs).',
      testingOnly:
        '{{target}} is test code: only tests, other testing/ files, e2e/ and scripts/bench import it ' +
        '(it is not built into dist/).',
    },
  },
  create(context) {
    const file = toPosix(relative(ROOT, context.filename));
    if (file.startsWith('..')) return {};
    const layer = layerOf(file);
    const isTest = TEST_FILE.test(file);
    const mayUseTesting = isTest || isTestingPath(file) || TESTING_USERS.some((user) => isInside(file, user));

    function check(node, sourceNode) {
      if (!sourceNode || typeof sourceNode.value !== 'string') return;
      const target = targetOf(sourceNode.value, context.filename);
      if (!target) return;
      if (target !== 'npm:electron' && isTestingPath(target)) {
        // Test helpers sit beside the code they help test; who may use them is the only rule.
        if (!mayUseTesting) context.report({ node: sourceNode, messageId: 'testingOnly', data: { target } });
        return;
      }
      if (!layer || isInside(target, layer.folder)) return;
      if (allows(layer.mayImport, target)) return;
      if (isTypeOnly(node) && allows(layer.mayImportTypes, target)) return;
      if (isTest && allows(layer.testsMayImport, target)) return;
      context.report({
        node: sourceNode,
        messageId: 'notAllowed',
        data: {
          from: layer.folder,
          target: target === 'npm:electron' ? "the 'electron' package" : target,
          why: layer.why,
        },
      });
    }

    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportEqualsDeclaration: (node) => check(node, node.moduleReference?.expression),
    };
  },
};

export const layeringPlugin = { rules: { layering: layeringRule } };
