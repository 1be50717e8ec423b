import { describe, expect, it } from 'vitest';
import { percentileWindow } from '../../../../src-main/engine/predict/percentiles';

/** The textbook answer: sort the finite samples of the channel, interpolate between ranks. */
function bySorting(values: ArrayLike<number>, channels: number, channel: number, p: number) {
  const finite: number[] = [];
  for (let i = channel; i < values.length; i += channels)
    if (Number.isFinite(values[i]!)) finite.push(values[i]!);
  finite.sort((a, b) => a - b);
  const position = (p / 100) * (finite.length - 1);
  const below = Math.floor(position);
  const above = Math.min(finite.length - 1, below + 1);
  return finite[below]! + (finite[above]! - finite[below]!) * (position - below);
}

let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
/** Forces the histogram path, with bins collected only once they hold 50 samples or fewer. */
const HISTOGRAM = { sort: 0, collect: 50 };

describe('exact percentiles without sorting everything', () => {
  const cases: [string, ArrayLike<number>, number][] = [
    ['16-bit noise', Uint16Array.from({ length: 20_000 }, () => (random() * 65536) | 0), 1],
    ['8-bit, two channels', Uint8Array.from({ length: 20_000 }, () => (random() * 256) | 0), 2],
    [
      'floats with far outliers (many narrowing passes)',
      Float32Array.from({ length: 20_000 }, (_, i) =>
        i % 997 === 0 ? 1e30 * random() : i % 991 === 0 ? -1e25 : random() * 1e-3,
      ),
      1,
    ],
    [
      'floats with NaN and Inf',
      Float32Array.from({ length: 5_000 }, (_, i) =>
        i % 5 === 0 ? Number.NaN : i % 7 === 0 ? Infinity : random(),
      ),
      1,
    ],
    [
      'a few distinct values',
      Uint16Array.from({ length: 10_000 }, (_, i) => [3, 900, 901][i % 3]!),
      1,
    ],
    ['a constant image', new Uint16Array(10_000).fill(1234), 1],
    [
      'a few distinct floats',
      Float32Array.from({ length: 10_000 }, (_, i) => [0.25, 7.5, 7.75][i % 3]!),
      1,
    ],
    ['a constant float image', new Float32Array(10_000).fill(-2.5), 1],
    [
      '32-bit integers',
      Int32Array.from({ length: 20_000 }, () => ((random() - 0.5) * 2 ** 31) | 0),
      1,
    ],
  ];

  it.each(cases)('agree with sorting: %s', (_name, values, channels) => {
    for (let channel = 0; channel < channels; channel++) {
      for (const [low, high] of [
        [0.5, 99.5],
        [0, 100],
        [1, 50],
      ] as const) {
        const window = percentileWindow(values, channels, channel, low, high, HISTOGRAM);
        expect(window.low).toBe(bySorting(values, channels, channel, low));
        expect(window.high).toBe(bySorting(values, channels, channel, high));
      }
    }
  });

  it('gives 0..1 for a channel with no finite sample', () => {
    expect(percentileWindow(Float32Array.of(Number.NaN, Infinity), 1, 0, 1, 99, HISTOGRAM)).toEqual(
      {
        low: 0,
        high: 1,
      },
    );
  });
});
