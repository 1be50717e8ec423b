import { describe, expect, it } from 'vitest';
import { randError, segmentsFromForeground } from '../../../../src-main/engine/metrics';

const i32 = (...values: number[]) => Int32Array.from(values);

// Notation (see rand-error.ts), over pixels where truth > 0:
//   sumA = sum of squared truth-segment sizes, sumB = sum of squared predicted-segment sizes + c0,
//   sumAB = sum of squared overlaps + c0, c0 = evaluated pixels predicted as background.
//   split = sumAB / sumA, merge = sumAB / sumB, error = 1 - 2 sumAB / (sumA + sumB).
describe('foreground-restricted Rand error (ISBI 2012 V_rand)', () => {
  it('is 0 for a perfect segmentation, whatever the ids', () => {
    // truth segments {0,1} {2,3}; pred the same with other ids: sumA = sumB = sumAB = 8.
    const result = randError(i32(5, 5, 7, 7), i32(1, 1, 2, 2));
    expect(result).toEqual({ randError: 0, split: 1, merge: 1 });
  });

  it('penalises a merge of two truth segments', () => {
    // truth {0,1} {2,3}, pred one segment: sumA = 4 + 4 = 8, sumB = 16, sumAB = 8.
    // split = 1, merge = 8/16 = 0.5, error = 1 - 16/24 = 1/3.
    const result = randError(i32(1, 1, 1, 1), i32(1, 1, 2, 2));
    expect(result.split).toBe(1);
    expect(result.merge).toBe(0.5);
    expect(result.randError).toBeCloseTo(1 / 3, 12);
  });

  it('penalises a split of one truth segment', () => {
    // truth one segment of 4, pred two halves: sumA = 16, sumB = 8, sumAB = 8.
    // split = 0.5, merge = 1, error = 1/3.
    const result = randError(i32(1, 1, 2, 2), i32(3, 3, 3, 3));
    expect(result.split).toBe(0.5);
    expect(result.merge).toBe(1);
    expect(result.randError).toBeCloseTo(1 / 3, 12);
  });

  it('ignores pixels where the truth is background (membrane)', () => {
    // Truth pixels 0,1 are membrane; the prediction joins them to segment 1, which is not counted.
    // Evaluated: pixels 2,3 both truth 1 / pred 1 -> perfect.
    expect(randError(i32(1, 1, 1, 1), i32(0, 0, 1, 1)).randError).toBe(0);
  });

  it('counts predicted background inside a truth segment as singleton segments', () => {
    // truth one segment of 4; pred segment 1 on two pixels, background on two (c0 = 2).
    // sumA = 16, sumB = 2^2 + 2 = 6, sumAB = 2^2 + 2 = 6.
    // split = 6/16 = 0.375, merge = 1, error = 1 - 12/22 = 5/11.
    const result = randError(i32(1, 1, 0, 0), i32(4, 4, 4, 4));
    expect(result.split).toBe(0.375);
    expect(result.merge).toBe(1);
    expect(result.randError).toBeCloseTo(5 / 11, 12);
  });

  it('is 0 when the truth has no foreground to evaluate', () => {
    expect(randError(i32(1, 1, 2), i32(0, 0, 0))).toEqual({ randError: 0, split: 1, merge: 1 });
  });

  it('takes 4-connected components of the cell interior as ISBI segments', () => {
    // Two interiors touching only diagonally stay two segments: a diagonal membrane separates.
    // 1 0
    // 0 1
    const segments = segmentsFromForeground(Uint8Array.from([255, 0, 0, 255]), 2, 2);
    expect(Array.from(segments)).toEqual([1, 0, 0, 2]);
  });

  it('sees a broken membrane on real-looking masks as a merge', () => {
    // 5 x 1 strip: truth interior | membrane | interior; the prediction misses the membrane.
    const truth = segmentsFromForeground(Uint8Array.from([255, 255, 0, 255, 255]), 5, 1);
    const pred = segmentsFromForeground(Uint8Array.from([255, 255, 255, 255, 255]), 5, 1);
    // Evaluated pixels 0,1,3,4: sumA = 4 + 4 = 8, sumB = 16, sumAB = 8 -> 1/3 as above.
    expect(randError(pred, truth).randError).toBeCloseTo(1 / 3, 12);
  });

  it('agrees with counting pixel pairs directly on random maps', () => {
    // V_rand counts ordered pixel pairs (self-pairs included) over the truth foreground:
    // sumA = pairs in one truth segment, sumB = pairs in one predicted segment (a predicted
    // background pixel pairs only with itself), sumAB = pairs in both.
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let trial = 0; trial < 20; trial++) {
      const n = 40 + random(40);
      const truth = Int32Array.from({ length: n }, () => random(5));
      const pred = Int32Array.from({ length: n }, () => random(6));
      let sumA = 0;
      let sumB = 0;
      let sumAB = 0;
      for (let x = 0; x < n; x++) {
        if (truth[x] === 0) continue;
        for (let y = 0; y < n; y++) {
          if (truth[y] === 0) continue;
          const sameTruth = truth[x] === truth[y];
          const samePred = x === y || (pred[x] !== 0 && pred[x] === pred[y]);
          if (sameTruth) sumA++;
          if (samePred) sumB++;
          if (sameTruth && samePred) sumAB++;
        }
      }
      const result = randError(pred, truth);
      expect(result.split).toBeCloseTo(sumAB / sumA, 12);
      expect(result.merge).toBeCloseTo(sumAB / sumB, 12);
      expect(result.randError).toBeCloseTo(1 - (2 * sumAB) / (sumA + sumB), 12);
    }
  });
});
