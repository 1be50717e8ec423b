// `npm run bench`: times the studio's engines (a training step and a tile prediction of the
// U-Net) and, when PyTorch is installed, the PyTorch reference with the same settings, then
// prints a table and the ratio studio/PyTorch per mode. `--json`: one JSON object per line.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import {
  BENCH_USAGE,
  isSkip,
  parseBenchOptions,
  type BenchMode,
  type BenchOptions,
  type BenchResult,
  type BenchRow,
  type StudioEngine,
} from './bench-options';
import type { MeasureRequest } from './measure-engine';
import { formatBenchTable, ratioLines, type Ratio } from './report';
import { measureTorch } from './torch-reference';
import { forwardFlops, trainingStepFlops } from './unet-flops';
import type { UNetConfig } from '../engine/network/unet-config';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const run = promisify(execFile);

/** Prediction: ONNX Runtime first (the path segment uses when it loads), then tfjs. */
const ENGINES: Record<BenchMode, StudioEngine[]> = {
  train: ['studio-wasm', 'studio-tensorflow'],
  predict: ['studio-onnxruntime', 'studio-wasm', 'studio-tensorflow'],
};

async function measureInChild(request: MeasureRequest): Promise<BenchResult> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = resolve(here, 'measure-engine-child.ts');
  try {
    const { stdout } = await run(
      process.execPath,
      ['--import', tsx, child, JSON.stringify(request)],
      { maxBuffer: 1 << 20 },
    );
    const line = stdout.split('\n').find((l) => l.startsWith('{'));
    if (!line) return { engine: request.engine, mode: request.mode, skipped: 'no result printed' };
    return JSON.parse(line) as BenchResult;
  } catch (error) {
    // Killed for memory, or a crash inside native code: say so rather than stop the bench.
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    return {
      engine: request.engine,
      mode: request.mode,
      skipped: `the process failed: ${message}`,
    };
  }
}

function networkOf(options: BenchOptions): UNetConfig {
  return {
    depth: options.depth,
    filters: options.filters,
    inputChannels: 1,
    numClasses: 2,
    padding: 'valid',
    dropout: 0,
  };
}

async function main(): Promise<void> {
  if (process.argv.includes('--large')) {
    // The large-image path: import, view, paint, segment a 16k x 16k 16-bit image.
    const { runLargeImageBench } = await import('./large-image-bench');
    await runLargeImageBench(process.argv.slice(2));
    return;
  }
  if (process.argv.includes('--ui')) {
    // The window's benchmark (painting frame times, time to first preview) in Chromium.
    const { runUiBench } = await import('./ui-bench');
    await runUiBench();
    return;
  }
  let options: BenchOptions;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${BENCH_USAGE}`);
    process.exitCode = 2;
    return;
  }
  const config = networkOf(options);
  const gflopsOf = (mode: BenchMode, ms: number) =>
    (mode === 'train'
      ? trainingStepFlops(config, options.tile)
      : forwardFlops(config, options.tile)) /
    (ms / 1000) /
    1e9;
  const results: BenchResult[] = [];
  const emit = (result: BenchResult) => {
    results.push(result);
    if (options.json) console.log(JSON.stringify(result));
    else if (!isSkip(result))
      console.error(`  ${result.engine} ${result.mode}: ${result.ms_median} ms`);
  };
  for (const mode of options.modes) {
    for (const engine of ENGINES[mode]) {
      emit(
        await measureInChild({
          engine,
          mode,
          config,
          tile: options.tile,
          threads: options.threads,
          repeat: options.repeat,
        }),
      );
    }
  }
  if (options.torch) for (const row of await measureTorch(repoRoot, options, gflopsOf)) emit(row);

  const ratios: Ratio[] = ratioLines(results.filter((r): r is BenchRow => !isSkip(r)));
  if (options.json) {
    for (const ratio of ratios) console.log(JSON.stringify(ratio));
    return;
  }
  console.log(formatBenchTable(results, ratios));
}

await main();
