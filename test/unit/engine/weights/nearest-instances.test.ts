import { describe, expect, it } from 'vitest';
import {
  borderCutoff,
  nearestTwoInstanceDistances,
} from '../../../../src-main/engine/weights/nearest-instances';
import { voronoiInstances } from './fixtures';

/** Per pixel, every instance's exact distance, sorted: the two smallest are d1 and d2. */
function bruteForce(map: Int32Array, width: number, height: number, cutoff: number) {
  const ids = [...new Set(map)].filter((id) => id !== 0);
  const d1 = new Float64Array(map.length);
  const d2 = new Float64Array(map.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const distances = ids.map((id) => {
        let best = Infinity;
        for (let j = 0; j < map.length; j++) {
          if (map[j] !== id) continue;
          best = Math.min(best, (x - (j % width)) ** 2 + (y - Math.floor(j / width)) ** 2);
        }
        return Math.min(cutoff, Math.sqrt(best));
      });
      distances.push(cutoff, cutoff);
      distances.sort((a, b) => a - b);
      d1[y * width + x] = distances[0]!;
      d2[y * width + x] = distances[1]!;
    }
  }
  return { d1, d2 };
}

describe('nearestTwoInstanceDistances', () => {
  it('matches brute force on sparse instances, with the cutoff inside the image', () => {
    const width = 48;
    const height = 36;
    // Voronoi cells with most pixels knocked out leave scattered fragments: many instances,
    // windows that overlap and clip at the image border.
    const map = voronoiInstances(width, height, 9, 0.97, 11);
    const cutoff = 7;
    const expected = bruteForce(map, width, height, cutoff);
    const { d1, d2 } = nearestTwoInstanceDistances(map, width, height, cutoff);
    for (let i = 0; i < map.length; i++) {
      expect(d1[i]).toBe(Math.fround(expected.d1[i]!));
      expect(d2[i]).toBe(Math.fround(expected.d2[i]!));
    }
  });

  it('is 0 inside an instance for d1 and the cutoff everywhere without instances', () => {
    const map = new Int32Array(25);
    map[12] = 4;
    const { d1, d2 } = nearestTwoInstanceDistances(map, 5, 5, 3);
    expect(d1[12]).toBe(0);
    expect(d1[0]).toBeCloseTo(Math.sqrt(8), 6);
    expect(Array.from(d2)).toEqual(new Array(25).fill(3));
    const empty = nearestTwoInstanceDistances(new Int32Array(25), 5, 5, 3);
    expect(Array.from(empty.d1)).toEqual(new Array(25).fill(3));
  });

  it('borderCutoff is where the term falls below 1e-3 (22 px for w0 = 10, sigma = 5)', () => {
    const c = borderCutoff(10, 5);
    expect(c).toBe(22);
    expect(10 * Math.exp(-(c * c) / 50)).toBeLessThanOrEqual(1e-3);
    expect(10 * Math.exp(-((c - 1) * (c - 1)) / 50)).toBeGreaterThan(1e-3);
    expect(borderCutoff(0, 5)).toBe(0);
    expect(borderCutoff(10, 0)).toBe(0);
  });
});
