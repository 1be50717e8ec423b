// Options of `npm run bench`, shared by the parent (which prints the table) and the child
// process that measures one engine (one process per engine: thread counts are fixed at start,
// and each engine's peak memory is then its own).
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { choiceOption, numberOption } from '../cli/number-option';

export type BenchMode = 'train' | 'predict';
export type StudioEngine = 'studio-wasm' | 'studio-tensorflow' | 'studio-onnxruntime';

export interface BenchOptions {
  filters: number;
  depth: number;
  tile: number;
  modes: BenchMode[];
  threads: number;
  /** Timed runs after the warm-up; the median is reported. */
  repeat: number;
  json: boolean;
  torch: boolean;
}

export const BENCH_USAGE = `npm run bench -- [--filters N] [--depth N] [--tile N] [--mode train|predict|both]
    [--threads N] [--repeat N] [--json] [--no-torch]
npm run bench -- --ui     (the window in Chromium: painting frame times, time to first preview)`;

const positiveInteger = (name: string, value: string | undefined, fallback: number): number =>
  numberOption(name, value, { integer: true, min: 1 }) ?? fallback;

export function parseBenchOptions(args: string[]): BenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      filters: { type: 'string' },
      depth: { type: 'string' },
      tile: { type: 'string' },
      mode: { type: 'string' },
      threads: { type: 'string' },
      repeat: { type: 'string' },
      json: { type: 'boolean', default: false },
      'no-torch': { type: 'boolean', default: false },
    },
  });
  const mode = choiceOption('mode', values.mode, ['train', 'predict', 'both'] as const, 'both');
  const repeat = positiveInteger('repeat', values.repeat, 5);
  if (repeat < 5)
    throw new Error('--repeat must be at least 5: the median of fewer runs is noise.');
  return {
    filters: positiveInteger('filters', values.filters, 16),
    depth: positiveInteger('depth', values.depth, 4),
    tile: positiveInteger('tile', values.tile, 572),
    modes: mode === 'both' ? ['train', 'predict'] : [mode],
    threads: positiveInteger('threads', values.threads, availableParallelism()),
    repeat,
    json: values.json ?? false,
    torch: !(values['no-torch'] ?? false),
  };
}

/** One measured row: the fields `--json` prints, one object per line. */
export interface BenchRow {
  engine: string;
  mode: BenchMode;
  filters: number;
  depth: number;
  tile: number;
  threads: number;
  ms_median: number;
  gflops: number;
  rss_mb: number;
}

/** An engine that could not be measured here, and why, in plain words. */
export interface BenchSkip {
  engine: string;
  mode: BenchMode;
  skipped: string;
}

export type BenchResult = BenchRow | BenchSkip;

export const isSkip = (result: BenchResult): result is BenchSkip => 'skipped' in result;
