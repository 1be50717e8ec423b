import { describe, expect, it } from 'vitest';
import { applyGrayTransform, drawGrayTransform } from '../../../../src-main/engine/augment/gray';
import { Rng } from '../../../../src-main/engine/augment/rng';

describe('gray-value variation', () => {
  it('applies gamma, contrast about the mean and brightness in units of the tile range', () => {
    const image = Float32Array.of(-1, 0, 1); // range 2, u = 0, 0.5, 1
    applyGrayTransform(image, { shift: 0.1, factor: 2, gamma: 2 });
    // u^2 = 0, 0.25, 1; mean 5/12; 5/12 + 2 (u - 5/12) + 0.1; back: -1 + 2 u.
    const expected = [0, 0.25, 1].map((u) => -1 + 2 * (5 / 12 + 2 * (u - 5 / 12) + 0.1));
    expected.forEach((v, k) => expect(image[k]).toBeCloseTo(v, 5));
  });

  it('leaves a flat tile alone and draws within the configured ranges', () => {
    const flat = Float32Array.of(3, 3, 3);
    applyGrayTransform(flat, { shift: 0.5, factor: 3, gamma: 0.5 });
    expect(Array.from(flat)).toEqual([3, 3, 3]);
    const rng = new Rng(12);
    for (let k = 0; k < 200; k++) {
      const t = drawGrayTransform(rng, { brightness: 0.1, contrast: 0.2, gamma: 0.3 });
      expect(Math.abs(t.shift)).toBeLessThanOrEqual(0.1);
      expect(t.factor).toBeGreaterThanOrEqual(1 / 1.2);
      expect(t.factor).toBeLessThanOrEqual(1.2);
      expect(t.gamma).toBeGreaterThanOrEqual(1 / 1.3);
      expect(t.gamma).toBeLessThanOrEqual(1.3);
    }
    expect(() => drawGrayTransform(rng, { brightness: -1, contrast: 0, gamma: 0 })).toThrow(
      RangeError,
    );
  });
});
