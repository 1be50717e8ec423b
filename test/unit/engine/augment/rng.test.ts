import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../src-main/engine/augment/rng';

describe('Rng', () => {
  it('replays the same sequence for the same seed and differs for another', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it('draws uniforms in [0, 1) with mean 1/2 and integers in range', () => {
    const rng = new Rng(7);
    let sum = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
    }
    // Fixed seed: deterministic; the tolerance is > 10 standard errors (1/sqrt(12 n) = 0.002).
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.02);
    const counts = new Array(5).fill(0);
    for (let i = 0; i < 5000; i++) counts[rng.int(5)]++;
    for (const count of counts) expect(count).toBeGreaterThan(800);
    expect(counts.reduce((s, v) => s + v, 0)).toBe(5000);
    expect(() => rng.int(0)).toThrow(RangeError);
  });

  it('draws standard normals (mean 0, std 1)', () => {
    const rng = new Rng(3);
    const n = 20000;
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sumSquares += z * z;
    }
    const mean = sum / n;
    const std = Math.sqrt(sumSquares / n - mean * mean);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(std - 1)).toBeLessThan(0.05);
  });
});
