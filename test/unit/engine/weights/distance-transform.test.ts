import { describe, expect, it } from 'vitest';
import { distanceTransform } from '../../../../src-main/engine/weights/distance-transform';
import { seededMask } from './fixtures';

function bruteForce(mask: Uint8Array, width: number, height: number): Float64Array {
  const out = new Float64Array(width * height).fill(Infinity);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let best = Infinity;
      for (let sy = 0; sy < height; sy++) {
        for (let sx = 0; sx < width; sx++) {
          if (mask[sy * width + sx] === 0) continue;
          best = Math.min(best, (x - sx) ** 2 + (y - sy) ** 2);
        }
      }
      out[y * width + x] = Math.sqrt(best);
    }
  }
  return out;
}

describe('distanceTransform (exact EDT)', () => {
  it.each([
    [17, 13, 0.02, 1],
    [23, 19, 0.1, 2],
    [31, 7, 0.4, 3],
    [1, 25, 0.1, 4],
    [25, 1, 0.1, 5],
    [40, 40, 0.003, 6],
  ])('equals brute force on a random %ix%i mask (density %f)', (width, height, density, seed) => {
    const mask = seededMask(width, height, density, seed);
    const expected = bruteForce(mask, width, height);
    const actual = distanceTransform(mask, width, height);
    for (let i = 0; i < expected.length; i++) {
      expect(actual[i]).toBe(Math.fround(expected[i]!));
    }
  });

  it('is 0 on the mask and Infinity everywhere when the mask is empty', () => {
    const mask = new Uint8Array(12);
    expect(Array.from(distanceTransform(mask, 4, 3))).toEqual(new Array(12).fill(Infinity));
    mask[5] = 7;
    const d = distanceTransform(mask, 4, 3);
    expect(d[5]).toBe(0);
    expect(d[0]).toBeCloseTo(Math.SQRT2, 6);
    expect(d[11]).toBeCloseTo(Math.sqrt(4 + 1), 6);
  });

  it('rejects a mask of the wrong size', () => {
    expect(() => distanceTransform(new Uint8Array(5), 2, 3)).toThrow(RangeError);
  });
});
