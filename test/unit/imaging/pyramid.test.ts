import { describe, expect, it } from 'vitest';
import {
  buildPyramid,
  copyRegion,
  halveLevel,
  pyramidBytes,
} from '../../../src-main/imaging/pyramid';

describe('halving a level', () => {
  it('averages 2 x 2 blocks, rounding integers, and averages what an odd edge has', () => {
    // 3 x 3, one channel:
    //  0  2  4
    //  6  8 10
    // 12 14 16
    const level = { width: 3, height: 3, data: Uint16Array.from([0, 2, 4, 6, 8, 10, 12, 14, 16]) };
    const half = halveLevel(level, 1, 'uint16');
    expect([half.width, half.height]).toEqual([2, 2]);
    expect(Array.from(half.data)).toEqual([
      4, // (0 + 2 + 6 + 8) / 4
      7, // (4 + 4 + 10 + 10) / 4: the last column pairs with itself
      13, // (12 + 14 + 12 + 14) / 4
      16,
    ]);
    expect(half.data).toBeInstanceOf(Uint16Array);
  });

  it('keeps channels apart', () => {
    const rgb = Uint8Array.from([10, 20, 30, 12, 22, 32, 14, 24, 34, 16, 26, 36]); // 2 x 2
    const half = halveLevel({ width: 2, height: 2, data: rgb }, 3, 'uint8');
    expect(Array.from(half.data)).toEqual([13, 23, 33]);
  });

  it('leaves NaN and Inf out of a float average, and keeps a block of nothing else NaN', () => {
    const data = Float32Array.from([
      1,
      Number.NaN,
      3,
      Infinity,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      -Infinity,
    ]);
    const half = halveLevel({ width: 4, height: 2, data }, 1, 'float32');
    expect(half.data[0]).toBeCloseTo(1, 6); // (1) of 1, NaN, NaN, NaN
    // The second block holds 3, Inf, NaN and -Inf: only 3 is finite.
    expect(half.data[1]).toBeCloseTo(3, 6);
    const onlyNaN = halveLevel(
      { width: 2, height: 1, data: Float32Array.from([Number.NaN, Infinity]) },
      1,
      'float32',
    );
    expect(onlyNaN.data[0]).toBeNaN();
  });
});

describe('a pyramid', () => {
  it('halves until both sides fit the top, and takes about a third of the page', () => {
    const width = 2000;
    const height = 1500;
    const page = { width, height, data: new Uint16Array(width * height).fill(1000) };
    const levels = buildPyramid(page, 1, 'uint16');
    expect(levels.map((l) => [l.width, l.height])).toEqual([
      [1000, 750],
      [500, 375],
    ]);
    expect(levels.every((l) => l.data.every((v) => v === 1000))).toBe(true);
    expect(pyramidBytes(levels) / page.data.byteLength).toBeCloseTo(0.3125, 3);
  });

  it('is empty for a page that already fits', () => {
    expect(
      buildPyramid({ width: 512, height: 300, data: new Uint8Array(512 * 300) }, 1, 'uint8'),
    ).toEqual([]);
  });
});

describe('copying a region', () => {
  const level = { width: 4, height: 3, data: Uint8Array.from({ length: 12 }, (_, i) => i) };

  it('copies rows of the rectangle', () => {
    expect(Array.from(copyRegion(level, 1, 'uint8', 1, 1, 2, 2))).toEqual([5, 6, 9, 10]);
  });

  it('refuses a rectangle that leaves the level', () => {
    expect(() => copyRegion(level, 1, 'uint8', 3, 0, 2, 1)).toThrow(RangeError);
    expect(() => copyRegion(level, 1, 'uint8', 0, 2, 1, 2)).toThrow(RangeError);
  });
});
