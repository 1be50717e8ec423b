import { describe, expect, it } from 'vitest';
import { PairCounter } from '../../../../src-main/engine/metrics/pair-counter';

describe('PairCounter', () => {
  it('keeps exact counts through many growths, for ids beyond 2^26 whose product overflows 2^53', () => {
    const counter = new PairCounter(1);
    const big = 2 ** 30;
    for (let k = 0; k < 5000; k++) {
      counter.add(big - k, big - 2 * k, k + 1);
      counter.add(big - k, big - 2 * k, 1);
    }
    expect(counter.size).toBe(5000);
    expect(counter.get(big - 4999, big - 9998)).toBe(5001);
    expect(counter.get(big - 4999, big - 9997)).toBe(0);
    let total = 0;
    counter.forEach((_a, _b, n) => (total += n));
    // sum over k of (k + 2) = 4999 * 5000 / 2 + 2 * 5000
    expect(total).toBe(12_507_500);
  });
});
