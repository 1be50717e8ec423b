import { describe, expect, it } from 'vitest';
import { objectMatching } from '../../../../src-main/engine/metrics';

const i32 = (rows: string[]) =>
  Int32Array.from(
    rows
      .join('')
      .split('')
      .map((c) => (c === '.' ? 0 : Number(c))),
  );

describe('object matching', () => {
  it('scores 1 TP, 1 FP and 1 FN as F1 = 0.5', () => {
    // truth objects 1 (found exactly) and 2 (missed); pred object 5 is found, 6 is spurious.
    const truth = i32(['11..22', '11..22', '......']);
    const pred = i32(['55....', '55....', '....66']);
    const result = objectMatching(pred, truth);
    expect(result).toEqual({
      tp: 1,
      fp: 1,
      fn: 1,
      precision: 0.5,
      recall: 0.5,
      f1: 0.5,
      meanMatchedIoU: 1,
    });
  });

  it('matches at IoU >= 0.5 and reports the mean matched IoU', () => {
    // truth 1 = 4 pixels; pred 7 covers 3 of them + 1 outside: IoU 3/5 = 0.6 -> match.
    // truth 2 = 4 pixels; pred 8 covers 2 of them only: IoU 2/4 = 0.5 -> match (inclusive).
    const truth = i32(['1111.2222']);
    const pred = i32(['.7777.88.']);
    const result = objectMatching(pred, truth);
    expect(result.tp).toBe(2);
    expect(result.f1).toBe(1);
    expect(result.meanMatchedIoU).toBeCloseTo((0.6 + 0.5) / 2, 12);
    // At a stricter threshold the half-covered nucleus is no longer found.
    const strict = objectMatching(pred, truth, 0.55);
    expect([strict.tp, strict.fp, strict.fn]).toEqual([1, 1, 1]);
  });

  it('gives one match when an object is split into two exact halves (the 0.5 tie)', () => {
    const result = objectMatching(i32(['12']), i32(['33']));
    expect([result.tp, result.fp, result.fn]).toEqual([1, 1, 0]);
    expect(result.meanMatchedIoU).toBe(0.5);
  });

  it('defines the empty cases without NaN', () => {
    expect(objectMatching(i32(['...']), i32(['...'])).f1).toBe(1);
    const missedAll = objectMatching(i32(['...']), i32(['.1.']));
    expect(missedAll).toMatchObject({ tp: 0, fn: 1, precision: 1, recall: 0, f1: 0 });
    expect(missedAll.meanMatchedIoU).toBe(0);
  });

  it('refuses thresholds where greedy matching would not be exact', () => {
    expect(() => objectMatching(i32(['1']), i32(['1']), 0.3)).toThrow(/0\.5/);
  });
});
