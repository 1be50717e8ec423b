import { describe, expect, it } from 'vitest';
import { classBalanceWeights } from '../../../../src-main/engine/weights/class-balance';
import {
  binaryLabelsFromInstances,
  instancesFromMask,
  separateTouchingInstances,
} from '../../../../src-main/engine/weights/instances';
import { computeWeightMap } from '../../../../src-main/engine/weights/weight-map';
import { fillRect } from './fixtures';

const width = 90;
const height = 80;

/** Two 10x10 squares sharing an edge (x 30..39 and 40..49, y 30..39), then separated. */
function touchingSquares() {
  const map = new Int32Array(width * height);
  fillRect(map, width, 30, 30, 10, 10, 1);
  fillRect(map, width, 40, 30, 10, 10, 2);
  const { instances } = separateTouchingInstances(map, width, height);
  return { instances, labels: binaryLabelsFromInstances(instances) };
}

/** Distance from (x, y) to the union of both squares' bounding box. */
function distanceToCells(x: number, y: number): number {
  const dx = Math.max(30 - x, 0, x - 49);
  const dy = Math.max(30 - y, 0, y - 39);
  return Math.hypot(dx, dy);
}

describe('computeWeightMap', () => {
  it('puts w_c + w0 exp(-(1+1)^2 / (2 sigma^2)) in the one-pixel gap', () => {
    const { instances, labels } = touchingSquares();
    const wc = classBalanceWeights(labels, 2);
    const weights = computeWeightMap(labels, width, height, instances, { numClasses: 2 });
    // The gap is column x = 40 (instance 2 gave it up); each side is 1 px away.
    for (let y = 30; y <= 39; y++) {
      expect(labels[y * width + 40]).toBe(1);
      expect(weights[y * width + 40]).toBe(
        Math.fround(wc[1]! + 10 * Math.exp(-(2 * 2) / (2 * 5 * 5))),
      );
    }
    expect(weights[35 * width + 40]! - wc[1]!).toBeCloseTo(9.231, 3);
  });

  it('is w_c inside the cells and exactly w_c far (> 30 px) from them', () => {
    const { instances, labels } = touchingSquares();
    const wc = classBalanceWeights(labels, 2);
    const weights = computeWeightMap(labels, width, height, instances, { numClasses: 2 });
    let far = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = y * width + x;
        if (instances[i] !== 0) expect(weights[i]).toBe(wc[2]);
        if (distanceToCells(x, y) > 30) {
          expect(weights[i]).toBe(wc[1]);
          far++;
        }
      }
    }
    expect(far).toBeGreaterThan(1000);
  });

  it('is larger next to the gap than beside a single cell, and falls off with distance', () => {
    const { instances, labels } = touchingSquares();
    const weights = computeWeightMap(labels, width, height, instances, { numClasses: 2 });
    const gap = weights[35 * width + 40]!;
    const besideOne = weights[35 * width + 29]!; // left of cell 1: d1 = 1, d2 = 12
    const further = weights[35 * width + 25]!;
    expect(gap).toBeGreaterThan(besideOne);
    expect(besideOne).toBeGreaterThan(further);
  });

  it('is exactly 0 on unlabelled pixels, even in the gap', () => {
    const { instances, labels } = touchingSquares();
    for (let y = 0; y < 35; y++) for (let x = 0; x < width; x++) labels[y * width + x] = 0;
    const weights = computeWeightMap(labels, width, height, instances, { numClasses: 2 });
    for (let i = 0; i < 35 * width; i++) expect(weights[i]).toBe(0);
    expect(weights[36 * width + 40]).toBeGreaterThan(5);
  });

  it('finds the instances itself when none are given', () => {
    const { instances, labels } = touchingSquares();
    const given = computeWeightMap(
      labels,
      width,
      height,
      instancesFromMask(labels, width, height),
      {
        numClasses: 2,
      },
    );
    const derived = computeWeightMap(labels, width, height, undefined, { numClasses: 2 });
    expect(Array.from(derived)).toEqual(Array.from(given));
    expect(Array.from(derived)).toEqual(
      Array.from(computeWeightMap(labels, width, height, instances, { numClasses: 2 })),
    );
  });

  it('follows w0 and sigma, and w0 = 0 leaves only w_c', () => {
    const { instances, labels } = touchingSquares();
    const wc = classBalanceWeights(labels, 2);
    const i = 35 * width + 40;
    const custom = computeWeightMap(labels, width, height, instances, {
      numClasses: 2,
      w0: 4,
      sigma: 2,
    });
    expect(custom[i]).toBe(Math.fround(wc[1]! + 4 * Math.exp(-4 / 8)));
    const none = computeWeightMap(labels, width, height, instances, { numClasses: 2, w0: 0 });
    for (let k = 0; k < labels.length; k++) expect(none[k]).toBe(wc[labels[k]!]);
  });

  it('rejects mismatched sizes and bad options', () => {
    const labels = new Uint8Array(6).fill(1);
    expect(() => computeWeightMap(labels, 2, 2, undefined, { numClasses: 2 })).toThrow(RangeError);
    expect(() => computeWeightMap(labels, 3, 2, new Int32Array(5), { numClasses: 2 })).toThrow(
      RangeError,
    );
    expect(() => computeWeightMap(labels, 3, 2, undefined, { numClasses: 2, sigma: -1 })).toThrow(
      RangeError,
    );
  });
});
