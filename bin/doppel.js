#!/usr/bin/env node
'use strict';
// The CLI is compiled TypeScript; `npm install` builds it (the "prepare" script).
let runCli;
try {
  ({ runCli } = require('../dist/electron/cli/run-cli.js'));
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND') {
    process.stderr.write('doppel: not built yet. Run `npm run build` in the Doppel folder first.\n');
    process.exit(1);
  }
  throw error;
}
runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
