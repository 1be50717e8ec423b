import { describe, expect, it } from 'vitest';
import { LARGE_IMAGE_PIXELS } from '../../../../src-preload/contract';
import {
  isLargePage,
  levelCount,
  levelForScale,
  levelSize,
} from '../../../../src-renderer/src/lib/tiles/pyramid';

describe('isLargePage', () => {
  it('is true only above LARGE_IMAGE_PIXELS', () => {
    expect(LARGE_IMAGE_PIXELS).toBe(4096 * 4096);
    expect(isLargePage({ width: 4096, height: 4096 })).toBe(false);
    expect(isLargePage({ width: 4097, height: 4096 })).toBe(true);
    expect(isLargePage({ width: 16384, height: 16384 })).toBe(true);
    expect(isLargePage({ width: 512, height: 512 })).toBe(false);
  });
});

describe('levelSize and levelCount', () => {
  it('halves with sides rounded up, level by level', () => {
    const page = { width: 6001, height: 5000 };
    expect(levelSize(page, 0)).toEqual(page);
    expect(levelSize(page, 1)).toEqual({ width: 3001, height: 2500 });
    expect(levelSize(page, 2)).toEqual({ width: 1501, height: 1250 });
    expect(levelSize(page, 4)).toEqual({ width: 376, height: 313 });
  });

  it('stops once both sides are at most 512', () => {
    expect(levelCount({ width: 6000, height: 5000 })).toBe(5);
    expect(levelCount({ width: 16384, height: 16384 })).toBe(6);
    expect(levelSize({ width: 16384, height: 16384 }, 5)).toEqual({ width: 512, height: 512 });
    expect(levelCount({ width: 512, height: 512 })).toBe(1);
    expect(levelCount({ width: 513, height: 10 })).toBe(2);
    // A long strip keeps halving until its long side fits.
    expect(levelCount({ width: 100_000, height: 300 })).toBe(9);
  });
});

describe('levelForScale', () => {
  it('picks the coarsest level whose pixels are at most one screen pixel', () => {
    expect(levelForScale(1, 6)).toBe(0);
    expect(levelForScale(4, 6)).toBe(0);
    expect(levelForScale(0.75, 6)).toBe(0);
    expect(levelForScale(0.5, 6)).toBe(1);
    expect(levelForScale(0.3, 6)).toBe(1);
    expect(levelForScale(0.25, 6)).toBe(2);
    expect(levelForScale(1 / 8, 6)).toBe(3);
    expect(levelForScale(0.1, 6)).toBe(3);
  });

  it('never leaves the pyramid', () => {
    expect(levelForScale(1 / 64, 4)).toBe(3);
    expect(levelForScale(1 / 64, 1)).toBe(0);
    expect(levelForScale(0, 5)).toBe(0);
    expect(levelForScale(Number.NaN, 5)).toBe(0);
  });

  it('counts device pixels on a high-density screen', () => {
    expect(levelForScale(0.5, 6, 2)).toBe(0);
    expect(levelForScale(0.25, 6, 2)).toBe(1);
  });
});
