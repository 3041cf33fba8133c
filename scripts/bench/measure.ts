// One measurement in its own process, so its peak RSS is its own: `measure.ts <name> <full|quick>`.
// Prints one line `BENCH_RESULT {json}` for run-bench.ts.
import { benchConfig } from './bench-config';
import { measureBare, measureDoppel, measureInt8, measureTransformers } from './measure-model';
import { measureStages } from './measure-stages';
import { measureHttp } from './measure-http';
import { measureScale } from './measure-scale';
import { measurePairs, measureQuery, measureRegroup, type Row } from './measure-vectors';

const MEASUREMENTS: Record<
  string,
  (config: ReturnType<typeof benchConfig>) => Promise<{ rows: Row[]; recall?: number[] }>
> = {
  bare: async (config) => ({ rows: await measureBare(config) }),
  doppel: async (config) => ({ rows: await measureDoppel(config) }),
  transformers: async (config) => ({ rows: await measureTransformers(config) }),
  int8: async (config) => ({ rows: await measureInt8(config) }),
  query: measureQuery,
  pairs: measurePairs,
  regroup: measureRegroup,
  http: measureHttp,
  scale: measureScale,
  stages: async (config) => ({ rows: await measureStages(config) }),
};

async function main(): Promise<void> {
  const [name, mode] = process.argv.slice(2);
  const measure = MEASUREMENTS[name ?? ''];
  if (!measure || (mode !== 'full' && mode !== 'quick')) {
    throw new Error(`usage: measure.ts <${Object.keys(MEASUREMENTS).join('|')}> <full|quick>`);
  }
  const result = await measure(benchConfig(mode));
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  console.log(`BENCH_RESULT ${JSON.stringify({ ...result, peakRssMB })}`);
  // chdb and onnxruntime keep native threads alive; the numbers are out, so leave now.
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
