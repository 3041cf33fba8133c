import { runCli } from './run-cli';

// The `doppel` bin (bin/doppel.js) and tests that spawn a real CLI process start here.
void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
