// `npm run bench` (full) and `npm run bench:quick` (CI): generates the benchmark model and photos if missing,
// runs each measurement in its own child process (own peak RSS), prints one table and writes
// bench-results/latest.json and bench-results/latest.md. Exit code 1 only when something is broken (a
// measurement crashed, or the pair graph's recall fell below 0.99), never because the machine is slow.
//
// Options: --quick, --only bare,doppel,...
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchConfig, RESULTS_DIR, type BenchConfig } from './bench-config';
import { describeMachine, type MachineInfo } from './machine';
import { writeBenchModel } from './make-bench-model';
import { photosDir } from './measure-model';
import type { Row } from './measure-vectors';
import { ensurePhotos } from './synthetic-photos';

const ORDER = ['bare', 'doppel', 'transformers', 'int8', 'query', 'pairs', 'regroup', 'stages'] as const;
const MIN_RECALL = 0.99;

interface Outcome {
  name: string;
  rows: Row[];
  recall: number[];
  peakRssMB: number | null;
  seconds: number;
  error: string | null;
}

interface TableRow extends Row {
  peakRssMB: number | null;
  target: string;
  verdict: 'holds' | 'MISSES' | '';
}

function runChild(name: string, mode: string): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'measure.ts'), name, mode],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_NO_WARNINGS: '1' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (code !== 0 || !line) {
        const tail = stderr
          .split('\n')
          .filter((l) => !/\[WARN\]/.test(l))
          .slice(-15)
          .join('\n');
        resolve({ name, rows: [], recall: [], peakRssMB: null, seconds, error: `exit ${code}: ${tail}` });
        return;
      }
      const parsed = JSON.parse(line.slice('BENCH_RESULT '.length)) as {
        rows: Row[];
        recall?: number[];
        peakRssMB: number;
      };
      resolve({
        name,
        rows: parsed.rows,
        recall: parsed.recall ?? [],
        peakRssMB: parsed.peakRssMB,
        seconds,
        error: null,
      });
    });
  });
}

function targetsFor(config: BenchConfig, outcomes: Outcome[]): TableRow[] {
  const table: TableRow[] = [];
  const find = (fragment: string, size?: string) =>
    outcomes
      .flatMap((o) => o.rows)
      .find((r) => r.measurement.includes(fragment) && (!size || r.size.includes(size)));
  const full = config.mode === 'full';
  const check = (ok: boolean): TableRow['verdict'] => (full ? (ok ? 'holds' : 'MISSES') : '');
  for (const outcome of outcomes) {
    outcome.rows.forEach((row, index) => {
      let target = '';
      let verdict: TableRow['verdict'] = '';
      if (row.unit === 'recall') {
        target = `>= ${MIN_RECALL}`;
        verdict = row.value >= MIN_RECALL ? 'holds' : 'MISSES';
      } else if (row.measurement.startsWith('query by photo') && row.size.startsWith('100,000 ')) {
        target = '<= 50 ms';
        verdict = check(row.value <= 50);
      } else if (row.measurement.startsWith('query by photo') && row.size.startsWith('1,000,000 ')) {
        target = '<= 250 ms';
        verdict = check(row.value <= 250);
      } else if (row.measurement.startsWith('pair graph, all') && row.size.startsWith('100,000 ')) {
        target = '<= 60 s';
        verdict = check(row.value <= 60);
      } else if (row.measurement.startsWith('pair graph: add')) {
        target = full ? '<= 3 s' : '';
        verdict = check(row.value <= 3);
      } else if (row.measurement.startsWith('regroup') && index === 0) {
        target = full ? '<= 16 ms' : '';
        verdict = check(row.value <= 16);
      }
      // Peak RSS belongs to the process, shown on its first row.
      table.push({ ...row, peakRssMB: index === 0 ? outcome.peakRssMB : null, target, verdict });
    });
    if (outcome.error) {
      table.push({
        measurement: `${outcome.name}: FAILED`,
        size: '',
        value: NaN,
        unit: '',
        note: outcome.error.replace(/\s+/g, ' ').slice(0, 300),
        peakRssMB: null,
        target: '',
        verdict: 'MISSES',
      });
    }
  }
  const bare = find('bare model in onnxruntime-node (fp32)');
  const doppel = find('Doppel indexing');
  const transformers = find('transformers.js default path');
  if (bare && doppel) {
    const doppelOutcome = outcomes.find((o) => o.name === 'doppel');
    table.push({
      measurement: 'Doppel indexing / bare model',
      size: '',
      value: doppel.value / bare.value,
      unit: 'x',
      note: transformers
        ? `Doppel / transformers.js default: ${(doppel.value / transformers.value).toFixed(1)}x`
        : '',
      peakRssMB: null,
      target: '>= 0.85x',
      verdict: check(doppel.value / bare.value >= 0.85),
    });
    table.push({
      measurement: 'Doppel indexing peak RSS',
      size: '',
      value: doppelOutcome?.peakRssMB ?? NaN,
      unit: 'MB',
      note: '',
      peakRssMB: null,
      target: full ? '<= 1536 MB' : '',
      verdict: check((doppelOutcome?.peakRssMB ?? Infinity) <= 1536),
    });
  }
  return table;
}

function formatValue(row: Row): string {
  if (!Number.isFinite(row.value)) return '-';
  const digits = row.unit === 'recall' ? 4 : row.value >= 100 ? 0 : row.value >= 10 ? 1 : 2;
  return `${row.value.toFixed(digits)} ${row.unit}`;
}

function markdown(config: BenchConfig, machine: MachineInfo, table: TableRow[], minutes: number): string {
  const lines = [
    `Mode: ${config.mode}, ${minutes.toFixed(1)} min; model: ${config.model.layers} layers, width ${config.model.width}, ` +
      `${config.model.heads} heads, patch ${config.model.patch}, projection ${config.model.projection} (random weights)`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node}, ${machine.platform}; ` +
      `commit ${machine.commit}; ${machine.date}; load average at start ${machine.load.join(' / ')}`,
    '',
    '| Measurement | Size | Result | Peak RSS | Target | Verdict | Notes |',
    '|---|---|---|---|---|---|---|',
    ...table.map(
      (row) =>
        `| ${row.measurement} | ${row.size} | ${formatValue(row)} | ${row.peakRssMB ? `${row.peakRssMB.toFixed(0)} MB` : ''} | ${row.target} | ${row.verdict} | ${row.note ?? ''} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const config = benchConfig(args.includes('--quick') ? 'quick' : 'full');
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? new Set(args[onlyAt + 1]!.split(',')) : null;
  const started = performance.now();
  const machine = describeMachine();
  console.log(
    `== Doppel benchmark (${config.mode}) on ${machine.cpu}, ${machine.cores} cores; ${machine.uptime}`,
  );
  console.log('== preparing the model (random weights) and the 12 MP photos (cached after the first run)');
  writeBenchModel(config.modelDir, config.model);
  writeBenchModel(config.int8ModelDir, { ...config.model, int8: true });
  await ensurePhotos(photosDir(config), config.photos);
  const outcomes: Outcome[] = [];
  for (const name of ORDER) {
    if (only && !only.has(name)) continue;
    process.stdout.write(`== ${name} ... `);
    const outcome = await runChild(name, config.mode);
    outcomes.push(outcome);
    console.log(
      outcome.error
        ? `FAILED (${outcome.seconds.toFixed(0)} s)\n${outcome.error}`
        : `${outcome.seconds.toFixed(0)} s, peak RSS ${outcome.peakRssMB!.toFixed(0)} MB`,
    );
  }
  const table = targetsFor(config, outcomes);
  const minutes = (performance.now() - started) / 60_000;
  const report = markdown(config, { ...machine, load: machine.load }, table, minutes);
  console.log(`\n${report}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  // A partial run (--only) never overwrites the last complete table.
  const base = `${only ? 'partial' : 'latest'}${config.mode === 'full' ? '' : '-quick'}`;
  writeFileSync(
    path.join(RESULTS_DIR, `${base}.json`),
    `${JSON.stringify({ mode: config.mode, machine, minutes, config, table, outcomes }, null, 2)}\n`,
  );
  writeFileSync(path.join(RESULTS_DIR, `${base}.md`), report);
  console.log(`written: bench-results/${base}.json, bench-results/${base}.md`);
  const broken =
    outcomes.some((o) => o.error) || outcomes.some((o) => o.recall.some((recall) => recall < MIN_RECALL));
  if (broken) {
    console.error('benchmark FAILED: a measurement crashed or the pair graph recall is below 0.99');
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
