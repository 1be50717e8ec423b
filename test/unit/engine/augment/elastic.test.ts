import { describe, expect, it } from 'vitest';
import { elasticDisplacement } from '../../../../src-main/engine/augment/elastic';
import { Rng } from '../../../../src-main/engine/augment/rng';

describe('elasticDisplacement', () => {
  it('is zero everywhere when sigma is 0', () => {
    const { dx, dy } = elasticDisplacement(new Rng(1), 30, 20, { grid: 3, sigma: 0 });
    expect(dx.every((v) => v === 0)).toBe(true);
    expect(dy.every((v) => v === 0)).toBe(true);
    expect(dx.length).toBe(600);
  });

  it('puts sigma * N(0, 1) draws at the lattice nodes, x components first', () => {
    const { dx, dy } = elasticDisplacement(new Rng(5), 21, 21, { grid: 3, sigma: 10 });
    const replay = new Rng(5);
    const x = Array.from({ length: 9 }, () => 10 * replay.normal());
    const y = Array.from({ length: 9 }, () => 10 * replay.normal());
    expect(dx[0]).toBe(Math.fround(x[0]!));
    expect(dx[10 * 21 + 20]).toBe(Math.fround(x[5]!)); // node (2, 1) at pixel (20, 10)
    expect(dy[20 * 21 + 10]).toBe(Math.fround(y[7]!)); // node (1, 2) at pixel (10, 20)
  });

  it('has a standard deviation of sigma at the nodes over many draws (paper: 10 px)', () => {
    const rng = new Rng(2015);
    const size = 65;
    const nodes = [0, 32, 64].flatMap((y) => [0, 32, 64].map((x) => y * size + x));
    let sum = 0;
    let sumSquares = 0;
    let count = 0;
    let interiorSquares = 0;
    for (let draw = 0; draw < 600; draw++) {
      const { dx, dy } = elasticDisplacement(rng, size, size);
      for (const i of nodes) {
        for (const v of [dx[i]!, dy[i]!]) {
          sum += v;
          sumSquares += v * v;
          count++;
        }
      }
      interiorSquares += dx[16 * size + 16]! ** 2;
    }
    const mean = sum / count;
    const std = Math.sqrt(sumSquares / count - mean * mean);
    // 10800 samples: the standard error of the std is ~0.07 px; the tolerance is 0.5 px and the
    // seed is fixed, so this cannot flake.
    expect(Math.abs(std - 10)).toBeLessThan(0.5);
    expect(Math.abs(mean)).toBeLessThan(0.5);
    // Between nodes the interpolation averages: less spread, but far from none.
    const interiorStd = Math.sqrt(interiorSquares / 600);
    expect(interiorStd).toBeLessThan(10);
    expect(interiorStd).toBeGreaterThan(4);
  });

  it('rejects a bad grid or sigma', () => {
    expect(() => elasticDisplacement(new Rng(1), 5, 5, { grid: 0 })).toThrow(RangeError);
    expect(() => elasticDisplacement(new Rng(1), 5, 5, { sigma: -1 })).toThrow(RangeError);
  });
});
