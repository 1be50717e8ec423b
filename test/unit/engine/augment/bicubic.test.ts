import { describe, expect, it } from 'vitest';
import { interpolateLattice } from '../../../../src-main/engine/augment/bicubic';
import { Rng } from '../../../../src-main/engine/augment/rng';

function randomLattice(grid: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: grid * grid }, () => rng.uniform(-1, 1));
}

describe('interpolateLattice (bicubic, Catmull-Rom)', () => {
  it('reproduces the lattice values at the lattice points exactly', () => {
    for (const [grid, size] of [
      [3, 21],
      [4, 31],
      [5, 9],
    ] as const) {
      const lattice = Float32Array.from(randomLattice(grid, grid));
      const field = interpolateLattice(lattice, grid, size, size);
      const step = (size - 1) / (grid - 1);
      for (let j = 0; j < grid; j++) {
        for (let i = 0; i < grid; i++) {
          expect(field[j * step * size + i * step]).toBe(lattice[j * grid + i]);
        }
      }
    }
  });

  it('is smooth: second differences bounded by 12 max|L| / spacing^2, slopes continuous', () => {
    const grid = 3;
    const size = 201; // spacing 100 px
    const lattice = randomLattice(grid, 9);
    const field = interpolateLattice(lattice, grid, size, size);
    const spacing = (size - 1) / (grid - 1);
    // |p''(t)| <= sum |w_k''(t)| max|L| = 12 max|L| per node step; per pixel divide by spacing^2.
    const bound = (12 * Math.max(...lattice.map(Math.abs))) / (spacing * spacing) + 1e-6;
    let largestJump = 0;
    for (let y = 0; y < size; y++) {
      for (let x = 1; x < size - 1; x++) {
        const i = y * size + x;
        expect(Math.abs(field[i - 1]! - 2 * field[i]! + field[i + 1]!)).toBeLessThanOrEqual(bound);
        largestJump = Math.max(largestJump, Math.abs(field[i + 1]! - field[i]!));
      }
    }
    // Neighbouring pixels never differ by more than a small fraction of the lattice spread.
    expect(largestJump).toBeLessThan(0.05);
    // C1 at the middle lattice column: the slope just left of it equals the slope just right.
    for (let y = 0; y < size; y++) {
      const i = y * size + spacing;
      const left = field[i]! - field[i - 1]!;
      const right = field[i + 1]! - field[i]!;
      expect(Math.abs(left - right)).toBeLessThanOrEqual(bound);
    }
  });

  it('is constant for a one-node lattice and rejects a lattice of the wrong size', () => {
    expect(Array.from(interpolateLattice([2.5], 1, 3, 2))).toEqual(new Array(6).fill(2.5));
    expect(() => interpolateLattice([1, 2, 3], 2, 4, 4)).toThrow(RangeError);
  });
});
