// The PyTorch side of the comparison: ../shared/reference/torch_unet_bench.py run with the same
// settings, at the same moment, on the same machine. Only when /usr/bin/python3 has torch.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { BenchMode, BenchOptions, BenchResult } from './bench-options';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';

export function torchBenchScript(repoRoot: string): string {
  return resolve(repoRoot, '..', 'shared', 'reference', 'torch_unet_bench.py');
}

interface TorchLine {
  engine: string;
  mode: BenchMode;
  ms_median: number;
  filters: number;
  depth: number;
  tile: number;
  threads: number;
}

export async function measureTorch(
  repoRoot: string,
  options: BenchOptions,
  gflopsOf: (mode: BenchMode, ms: number) => number,
): Promise<BenchResult[]> {
  const script = torchBenchScript(repoRoot);
  const skip = (skipped: string) =>
    options.modes.map((mode) => ({ engine: 'pytorch', mode, skipped }));
  if (!existsSync(script)) return skip(`${script} is not there`);
  if (!existsSync(PYTHON)) return skip(`${PYTHON} is not installed`);
  try {
    await run(PYTHON, ['-c', 'import torch']);
  } catch {
    return skip('PyTorch is not installed (apt-get install -y python3-torch)');
  }
  const mode = options.modes.length === 2 ? 'both' : options.modes[0]!;
  const args = [
    script,
    ...['--tile', String(options.tile), '--filters', String(options.filters)],
    ...['--depth', String(options.depth), '--threads', String(options.threads)],
    ...['--mode', mode, '--repeat', String(options.repeat)],
  ];
  // Run the script in a wrapper that also prints the process's peak memory afterwards.
  const wrapper = [
    'import json, resource, runpy, sys',
    'sys.argv = sys.argv[1:]',
    "runpy.run_path(sys.argv[0], run_name='__main__')",
    "print(json.dumps({'maxrss_kb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))",
  ].join('\n');
  const { stdout } = await run(PYTHON, ['-c', wrapper, ...args], { maxBuffer: 1 << 20 });
  const objects = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Partial<TorchLine> & { maxrss_kb?: number });
  const rssMb = Math.round((objects.find((o) => o.maxrss_kb !== undefined)?.maxrss_kb ?? 0) / 1024);
  const lines = objects.filter((o): o is TorchLine => o.mode !== undefined);
  return lines.map((line) => ({
    engine: line.engine,
    mode: line.mode,
    filters: line.filters,
    depth: line.depth,
    tile: line.tile,
    threads: line.threads,
    ms_median: line.ms_median,
    gflops: Math.round(gflopsOf(line.mode, line.ms_median) * 10) / 10,
    rss_mb: rssMb,
  }));
}
