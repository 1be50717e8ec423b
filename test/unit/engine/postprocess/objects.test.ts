import { describe, expect, it } from 'vitest';
import {
  FALLBACK_MIN_OBJECT_SIZE,
  instancesFromForeground,
  learnMinObjectSize,
  objectSizes,
  removeSmallObjects,
} from '../../../../src-main/engine/postprocess';
import { grid } from './grid';

describe('objectSizes and removeSmallObjects', () => {
  it('lists the size of each present object in id order', () => {
    const { values } = grid(['33.7', '3..7', '...7']);
    expect(objectSizes(Int32Array.from(values))).toEqual([3, 3]);
  });

  it('drops objects below minSize and renumbers the rest 1..N', () => {
    // Sizes: 2 -> 1 pixel, 4 -> 3 pixels, 9 -> 2 pixels. minSize 2 keeps 4 and 9 as 1 and 2.
    const { width, height, values } = grid(['2.44', '..49', '...9']);
    const out = removeSmallObjects(Int32Array.from(values), width, height, 2);
    expect(Array.from(out)).toEqual(grid(['..11', '..12', '...2']).values);
  });

  it('refuses negative ids', () => {
    expect(() => objectSizes(Int32Array.from([0, -1]))).toThrow(/negative/);
  });
});

describe('instancesFromForeground', () => {
  it('labels 8-connected objects after filling holes, without specks', () => {
    // A ring (8 px, 9 after filling) joined diagonally to a 1-px tail, and a 1-px speck.
    const { width, height, values } = grid(['###...', '#.#...', '###...', '...#..', '.....#']);
    const mask = Uint8Array.from(values);
    const filled = instancesFromForeground(mask, width, height, { minSize: 2, fillHoles: true });
    expect(filled.count).toBe(1);
    expect(Array.from(filled.instances)).toEqual(
      grid(['111...', '111...', '111...', '...1..', '......']).values,
    );
    const open = instancesFromForeground(mask, width, height, { minSize: 1, fillHoles: false });
    expect(open.count).toBe(2);
    expect(open.instances[4]).toBe(0);
  });
});

describe('learnMinObjectSize', () => {
  it('takes half of the 5th percentile (nearest rank) of the labelled sizes', () => {
    // 20 sizes 10, 20, ..., 200: rank ceil(0.05 * 20) = 1 -> 10 -> floor(5) = 5.
    const sizes = Array.from({ length: 20 }, (_, k) => 10 * (k + 1));
    expect(learnMinObjectSize(sizes)).toBe(5);
    // 100 sizes 1..100 (shuffled order): rank 5 -> 5 -> floor(2.5) = 2.
    const hundred = Array.from({ length: 100 }, (_, k) => ((k * 37) % 100) + 1);
    expect(learnMinObjectSize(hundred)).toBe(2);
  });

  it('never returns 0 when sizes exist, and falls back when there are none', () => {
    expect(learnMinObjectSize([1, 500, 800])).toBe(1);
    expect(learnMinObjectSize([])).toBe(FALLBACK_MIN_OBJECT_SIZE);
    expect(learnMinObjectSize([0, -3, NaN])).toBe(FALLBACK_MIN_OBJECT_SIZE);
  });
});
