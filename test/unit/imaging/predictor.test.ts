import { describe, expect, it } from 'vitest';
import {
  swapToLittleEndian,
  undoFloatingPointPredictor,
  undoHorizontalDifferencing,
} from '../../../src-main/imaging/tiff/predictor';

/** Predictor 2 as an encoder applies it: each sample minus the same channel one pixel left. */
function difference<T extends Uint8Array | Uint16Array | Uint32Array>(
  samples: T,
  rows: number,
  perRow: number,
  spp: number,
): T {
  const out = samples.slice() as T;
  for (let r = 0; r < rows; r++) {
    for (let i = perRow - 1; i >= spp; i--) {
      out[r * perRow + i] = samples[r * perRow + i]! - samples[r * perRow + i - spp]!;
    }
  }
  return out;
}

/** Predictor 3 as libtiff's fpDiff applies it, from little-endian float32 samples. */
function floatDifference(samples: Float32Array, rows: number, perRow: number, spp: number) {
  const bytes = new Uint8Array(samples.buffer.slice(0));
  const rowBytes = perRow * 4;
  for (let r = 0; r < rows; r++) {
    const row = bytes.subarray(r * rowBytes, (r + 1) * rowBytes);
    const copy = row.slice();
    for (let s = 0; s < perRow; s++) {
      for (let b = 0; b < 4; b++) row[b * perRow + s] = copy[s * 4 + (3 - b)]!;
    }
    for (let i = rowBytes - 1; i >= spp; i--) row[i] = (row[i]! - row[i - spp]!) & 0xff;
  }
  return bytes;
}

describe('undoHorizontalDifferencing', () => {
  it.each([
    [1, 3],
    [2, 1],
    [4, 4],
  ] as const)(
    'restores %i-byte samples with %i channels, wrapping like the encoder',
    (bytes, spp) => {
      const rows = 3;
      const perRow = 5 * spp;
      const max = 2 ** (bytes * 8);
      const make = bytes === 1 ? Uint8Array : bytes === 2 ? Uint16Array : Uint32Array;
      const samples = new make(rows * perRow).map((_, i) => (i * 2654435761) % max);
      const diffed = difference(samples, rows, perRow, spp);
      const chunk = new Uint8Array(diffed.buffer);
      undoHorizontalDifferencing(chunk, rows, perRow, spp, bytes);
      expect(new make(chunk.buffer)).toEqual(samples);
    },
  );
});

describe('undoFloatingPointPredictor', () => {
  it('restores float32 samples exactly, including NaN, infinities and -0', () => {
    const rows = 2;
    const spp = 1;
    const perRow = 6;
    const samples = new Float32Array([
      1.5,
      -2.25,
      1e-30,
      3e38,
      NaN,
      -0,
      Infinity,
      0,
      7,
      -7,
      0.1,
      1,
    ]);
    const chunk = floatDifference(samples, rows, perRow, spp);
    undoFloatingPointPredictor(chunk, rows, perRow, spp, 4);
    expect(new Uint8Array(chunk)).toEqual(new Uint8Array(samples.buffer));
  });

  it('handles interleaved channels', () => {
    const samples = new Float32Array(2 * 3 * 4).map((_, i) => i / 3 - 4);
    const chunk = floatDifference(samples, 2, 12, 3);
    undoFloatingPointPredictor(chunk, 2, 12, 3, 4);
    expect(new Float32Array(chunk.buffer)).toEqual(samples);
  });
});

describe('swapToLittleEndian', () => {
  it('reverses 2- and 4-byte samples', () => {
    const two = new Uint8Array([1, 2, 3, 4]);
    swapToLittleEndian(two, 2);
    expect(Array.from(two)).toEqual([2, 1, 4, 3]);
    const four = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    swapToLittleEndian(four, 4);
    expect(Array.from(four)).toEqual([4, 3, 2, 1, 8, 7, 6, 5]);
  });
});
