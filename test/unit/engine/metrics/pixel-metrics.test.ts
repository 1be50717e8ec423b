import { describe, expect, it } from 'vitest';
import {
  confusionCounts,
  foregroundIoU,
  perClassIoU,
  pixelError,
} from '../../../../src-main/engine/metrics';

const u8 = (...values: number[]) => Uint8Array.from(values);

describe('pixel error', () => {
  it('counts pixels whose binary label disagrees, whatever the foreground value', () => {
    // pred fg at 0,1,2 (255), truth fg at 1,2,3 (1): pixels 0 and 3 disagree -> 2/8 = 0.25.
    const pred = u8(255, 255, 255, 0, 0, 0, 0, 0);
    const truth = u8(0, 1, 1, 1, 0, 0, 0, 0);
    expect(pixelError(pred, truth)).toBe(0.25);
    expect(pixelError(truth, truth)).toBe(0);
    expect(pixelError(u8(0, 0), u8(1, 7))).toBe(1);
  });

  it('refuses masks of different sizes', () => {
    expect(() => pixelError(u8(0, 1), u8(0))).toThrow(/differ in size/);
  });
});

describe('IoU', () => {
  it('builds the confusion matrix truth-major', () => {
    // (truth, pred) pairs: (0,0) (0,1) (1,1) (1,1) (2,1) (2,2)
    const truth = u8(0, 0, 1, 1, 2, 2);
    const pred = u8(0, 1, 1, 1, 1, 2);
    expect(Array.from(confusionCounts(pred, truth, 3))).toEqual([1, 1, 0, 0, 2, 0, 0, 1, 1]);
  });

  it('gives the Jaccard index per class, NaN for a class in neither map', () => {
    // (truth, pred): (0,0) (0,0) (1,1) (1,1) (2,1) (2,2), 4 classes.
    // class 0: inter 2, union 2 -> 1. class 1: inter 2, truth 2 + pred 3 - 2 = 3 -> 2/3.
    // class 2: inter 1, truth 2 + pred 1 - 1 = 2 -> 1/2. class 3 occurs nowhere -> NaN.
    const truth = u8(0, 0, 1, 1, 2, 2);
    const pred = u8(0, 0, 1, 1, 1, 2);
    const iou = perClassIoU(pred, truth, 4);
    expect(iou[0]).toBe(1);
    expect(iou[1]).toBeCloseTo(2 / 3, 12);
    expect(iou[2]).toBe(0.5);
    expect(iou[3]).toBeNaN();
  });

  it('refuses a class value beyond numClasses instead of dropping it', () => {
    expect(() => perClassIoU(u8(0, 3), u8(0, 1), 2)).toThrow(/class 3/);
  });

  it('gives the foreground Jaccard index, and 1 when both masks are empty', () => {
    // pred fg {0,1,2}, truth fg {1,2,3}: inter 2, union 4 -> 0.5.
    expect(foregroundIoU(u8(9, 9, 9, 0, 0), u8(0, 1, 1, 1, 0))).toBe(0.5);
    expect(foregroundIoU(u8(0, 0, 0), u8(0, 0, 0))).toBe(1);
    expect(foregroundIoU(u8(0, 0, 0), u8(0, 1, 0))).toBe(0);
  });
});
