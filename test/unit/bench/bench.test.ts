import { describe, expect, it } from 'vitest';
import { parseBenchOptions, type BenchRow } from '../../../src-main/bench/bench-options';
import { formatBenchTable, ratioLines } from '../../../src-main/bench/report';
import { forwardFlops, trainingStepFlops } from '../../../src-main/bench/unet-flops';

const paper = {
  depth: 4,
  filters: 64,
  inputChannels: 1,
  numClasses: 2,
  padding: 'valid' as const,
  dropout: 0.5,
};

describe('U-Net flop count', () => {
  it('adds up the paper network layer by layer (Fig. 1 sizes)', () => {
    // [output side, in channels, out channels, kernel] of every convolution in Fig. 1.
    const convs: [number, number, number, number][] = [
      [570, 1, 64, 3],
      [568, 64, 64, 3],
      [282, 64, 128, 3],
      [280, 128, 128, 3],
      [138, 128, 256, 3],
      [136, 256, 256, 3],
      [66, 256, 512, 3],
      [64, 512, 512, 3],
      [30, 512, 1024, 3],
      [28, 1024, 1024, 3],
      [54, 1024, 512, 3],
      [52, 512, 512, 3],
      [102, 512, 256, 3],
      [100, 256, 256, 3],
      [198, 256, 128, 3],
      [196, 128, 128, 3],
      [390, 128, 64, 3],
      [388, 64, 64, 3],
      [388, 64, 2, 1],
    ];
    // Up-convolutions: [input side, in channels, out channels].
    const ups: [number, number, number][] = [
      [28, 1024, 512],
      [52, 512, 256],
      [100, 256, 128],
      [196, 128, 64],
    ];
    const expected =
      convs.reduce((sum, [side, cin, cout, k]) => sum + 2 * k * k * cin * cout * side * side, 0) +
      ups.reduce((sum, [side, cin, cout]) => sum + 2 * 4 * cin * cout * side * side, 0);
    expect(forwardFlops(paper, 572)).toBe(expected);
    expect(trainingStepFlops(paper, 572)).toBe(3 * expected);
  });

  it('refuses a tile the network cannot take', () => {
    expect(() => forwardFlops(paper, 570)).toThrow(/not a valid tile/);
  });
});

describe('bench options', () => {
  it('defaults to the must-show settings: 16 filters, 572 px, both modes', () => {
    const options = parseBenchOptions([]);
    expect(options).toMatchObject({ filters: 16, depth: 4, tile: 572, repeat: 5, json: false });
    expect(options.modes).toEqual(['train', 'predict']);
    expect(options.threads).toBeGreaterThanOrEqual(1);
  });

  it('reads flags and refuses nonsense in plain words', () => {
    expect(
      parseBenchOptions(['--filters', '32', '--mode', 'train', '--threads', '1', '--json']),
    ).toMatchObject({ filters: 32, modes: ['train'], threads: 1, json: true });
    expect(() => parseBenchOptions(['--repeat', '3'])).toThrow(/at least 5/);
    expect(() => parseBenchOptions(['--mode', 'fast'])).toThrow(/one of train, predict, both/);
    expect(() => parseBenchOptions(['--tile', 'big'])).toThrow(/whole number/);
  });
});

describe('bench report', () => {
  const row = (engine: string, mode: 'train' | 'predict', ms: number): BenchRow => ({
    engine,
    mode,
    filters: 16,
    depth: 4,
    tile: 572,
    threads: 2,
    ms_median: ms,
    gflops: 1,
    rss_mb: 100,
  });
  const rows = [
    row('studio-wasm', 'train', 1800),
    row('pytorch-1.13', 'train', 450),
    row('studio-onnxruntime', 'predict', 100),
    row('studio-wasm', 'predict', 800),
    row('pytorch-1.13', 'predict', 140),
  ];

  it('compares the fastest studio engine of each mode with PyTorch', () => {
    expect(ratioLines(rows)).toEqual([
      { mode: 'train', studio: 'studio-wasm', reference: 'pytorch-1.13', ratio: 4 },
      { mode: 'predict', studio: 'studio-onnxruntime', reference: 'pytorch-1.13', ratio: 0.71 },
    ]);
    expect(ratioLines(rows.filter((r) => !r.engine.startsWith('pytorch')))).toEqual([]);
  });

  it('prints every row, the engines that could not run and why, and the ratios', () => {
    const skipped = {
      engine: 'studio-tensorflow',
      mode: 'train' as const,
      skipped: 'TensorFlow (native) cannot be used here',
    };
    const text = formatBenchTable([...rows, skipped], ratioLines(rows));
    expect(text.split('\n')[0]).toMatch(/^engine\s+mode\s+filters/);
    expect(text).toContain('studio-onnxruntime');
    expect(text).toContain('studio-tensorflow train: TensorFlow (native) cannot be used here');
    expect(text).toContain('predict: studio-onnxruntime / pytorch-1.13 = 0.71x');
  });
});
