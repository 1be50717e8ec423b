import { describe, expect, it } from 'vitest';
import {
  classBalanceWeights,
  MAX_CLASS_WEIGHT,
} from '../../../../src-main/engine/weights/class-balance';

describe('classBalanceWeights', () => {
  it('weights by inverse frequency over labelled pixels only, mean 1 over labelled pixels', () => {
    // 3 background (1), 1 foreground (2), 4 unlabelled (0) that must not count.
    const labels = Uint8Array.from([0, 1, 1, 0, 1, 2, 0, 0]);
    const w = classBalanceWeights(labels, 2);
    expect(w[1]).toBe(Math.fround(4 / (2 * 3)));
    expect(w[2]).toBe(Math.fround(4 / (2 * 1)));
    const mean = (3 * w[1]! + 1 * w[2]!) / 4;
    expect(mean).toBeCloseTo(1, 6);
  });

  it('gives an absent class weight 1 and balances the present ones', () => {
    const labels = Uint8Array.from([1, 1, 3, 3, 3, 3, 0]);
    const w = classBalanceWeights(labels, 3);
    expect(w[2]).toBe(1);
    expect(w[1]).toBe(Math.fround(6 / (2 * 2)));
    expect(w[3]).toBe(Math.fround(6 / (2 * 4)));
    expect(w[0]).toBe(0);
  });

  it('caps a rare class painted with one short stroke at MAX_CLASS_WEIGHT', () => {
    // 20 px of class 2 beside 10 000 px of painted background: uncapped, 250 each.
    const labels = new Uint8Array(10_020).fill(1);
    labels.fill(2, 0, 20);
    const w = classBalanceWeights(labels, 2);
    expect(w[2]).toBe(MAX_CLASS_WEIGHT);
    expect(w[1]).toBe(Math.fround(10_020 / (2 * 10_000)));
  });

  it('is all ones when nothing is labelled', () => {
    expect(Array.from(classBalanceWeights(new Uint8Array(9), 2))).toEqual([0, 1, 1]);
  });

  it('rejects labels above numClasses and impossible class counts', () => {
    expect(() => classBalanceWeights(Uint8Array.from([1, 3]), 2)).toThrow(RangeError);
    expect(() => classBalanceWeights(Uint8Array.from([1]), 0)).toThrow(RangeError);
    expect(() => classBalanceWeights(Uint8Array.from([1]), 256)).toThrow(RangeError);
  });
});
