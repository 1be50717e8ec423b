import { describe, expect, it } from 'vitest';
import { reflectIndex } from '../../../../src-main/engine/augment/reflect';

// np.pad(np.arange(n), 12, mode='reflect') for i = -12 .. n + 11 (generated with numpy 2.4).
const NUMPY_REFLECT: Record<number, number[]> = {
  1: new Array(25).fill(0),
  2: [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1],
  3: [0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2],
  5: [4, 3, 2, 1, 0, 1, 2, 3, 4, 3, 2, 1, 0, 1, 2, 3, 4, 3, 2, 1, 0, 1, 2, 3, 4, 3, 2, 1, 0],
};

describe('reflectIndex', () => {
  it.each([1, 2, 3, 5])('matches numpy reflect padding for n = %i', (n) => {
    const actual = Array.from({ length: n + 24 }, (_, k) => reflectIndex(k - 12, n));
    expect(actual).toEqual(NUMPY_REFLECT[n]);
  });

  it('mirrors without repeating the edge, with period 2n - 2, far out too', () => {
    expect(reflectIndex(-1, 10)).toBe(1);
    expect(reflectIndex(10, 10)).toBe(8);
    for (let i = -100; i < 100; i++) {
      const r = reflectIndex(i, 10);
      expect(r >= 0 && r < 10).toBe(true);
      expect(reflectIndex(i + 18, 10)).toBe(r);
      expect(reflectIndex(0 - i, 10)).toBe(r); // symmetric about 0 (0 - i: never -0)
    }
    expect(reflectIndex(1e6 + 3, 7)).toBe(reflectIndex((1e6 + 3) % 12, 7));
  });
});
