import { describe, expect, it } from 'vitest';
import {
  binaryLabelsFromInstances,
  instancesFromMask,
  instancesOfNonBackground,
  separateTouchingInstances,
} from '../../../../src-main/engine/weights/instances';
import { fillRect, voronoiInstances } from './fixtures';

/** Pairs of 8-adjacent pixels that belong to two different instances. */
function touchingPairs(map: Int32Array, width: number, height: number): number {
  let pairs = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const a = map[y * width + x]!;
      if (a === 0) continue;
      for (const [dx, dy] of [
        [1, 0],
        [-1, 1],
        [0, 1],
        [1, 1],
      ] as const) {
        const nx = x + dx;
        const ny = y + dy;
        if (nx < 0 || nx >= width || ny >= height) continue;
        const b = map[ny * width + nx]!;
        if (b !== 0 && b !== a) pairs++;
      }
    }
  }
  return pairs;
}

function hadOtherNeighbour(map: Int32Array, width: number, height: number, i: number): boolean {
  const x = i % width;
  const y = Math.floor(i / width);
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const nx = x + dx;
      const ny = y + dy;
      if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
      const b = map[ny * width + nx]!;
      if (b !== 0 && b !== map[i]) return true;
    }
  }
  return false;
}

describe('separateTouchingInstances', () => {
  it('cuts two 10x10 squares sharing an edge with a one-pixel column', () => {
    const width = 40;
    const height = 30;
    const map = new Int32Array(width * height);
    fillRect(map, width, 5, 10, 10, 10, 1); // x 5..14
    fillRect(map, width, 15, 10, 10, 10, 2); // x 15..24
    const { instances, border } = separateTouchingInstances(map, width, height);
    const removed = [...border.keys()].filter((i) => border[i] === 1);
    // Equal areas: the larger id (2) gives up its first column, x = 15, rows 10..19.
    expect(removed).toEqual(Array.from({ length: 10 }, (_, k) => (10 + k) * width + 15));
    for (const i of removed) expect(instances[i]).toBe(0);
    expect(touchingPairs(instances, width, height)).toBe(0);
    expect(instances.filter((v) => v === 1).length).toBe(100);
    expect(instances.filter((v) => v === 2).length).toBe(90);
  });

  it('takes the gap from the larger instance and separates diagonal contacts', () => {
    const width = 12;
    const height = 8;
    const map = new Int32Array(width * height);
    fillRect(map, width, 0, 0, 6, 6, 1); // big, 36 px
    fillRect(map, width, 6, 2, 2, 2, 9); // small, 4 px, touching the big one
    fillRect(map, width, 8, 4, 3, 2, 5); // 6 px, touches 9 only diagonally: (7,3)-(8,4)
    const { instances, border } = separateTouchingInstances(map, width, height);
    expect(touchingPairs(instances, width, height)).toBe(0);
    expect(instances.filter((v) => v === 9).length).toBe(4); // the small one keeps all its pixels
    // The big one loses its right column next to the small one (rows 1..4: 8-adjacency), and 5
    // (larger than 9) loses the one pixel of the diagonal contact.
    const removed = [...border.keys()].filter((i) => border[i] === 1);
    expect(removed).toEqual([
      1 * width + 5,
      2 * width + 5,
      3 * width + 5,
      4 * width + 5,
      4 * width + 8,
    ]);
  });

  it.each([1, 2, 3])(
    'leaves no touching pair and removes only contact pixels (voronoi %i)',
    (seed) => {
      const width = 64;
      const height = 48;
      const map = voronoiInstances(width, height, 25, 0.05, seed);
      expect(touchingPairs(map, width, height)).toBeGreaterThan(100);
      const { instances, border } = separateTouchingInstances(map, width, height);
      expect(touchingPairs(instances, width, height)).toBe(0);
      let removed = 0;
      for (let i = 0; i < map.length; i++) {
        if (border[i] === 1) {
          removed++;
          // One pixel thick: every removed pixel was itself in contact with another instance.
          expect(map[i]).not.toBe(0);
          expect(instances[i]).toBe(0);
          expect(hadOtherNeighbour(map, width, height, i)).toBe(true);
        } else {
          expect(instances[i]).toBe(map[i]);
        }
      }
      expect(removed).toBeGreaterThan(0);
    },
  );

  it('with a 2-px gap takes both sides of every contact, and only contact pixels', () => {
    const width = 40;
    const height = 30;
    const map = new Int32Array(width * height);
    fillRect(map, width, 5, 10, 10, 10, 1); // x 5..14
    fillRect(map, width, 15, 10, 10, 10, 2); // x 15..24
    const { instances, border } = separateTouchingInstances(map, width, height, 2);
    const removed = [...border.keys()].filter((i) => border[i] === 1);
    const column = (x: number) => Array.from({ length: 10 }, (_, k) => (10 + k) * width + x);
    expect(removed.sort((a, b) => a - b)).toEqual(
      [...column(14), ...column(15)].sort((a, b) => a - b),
    );
    expect(instances.filter((v) => v === 1).length).toBe(90);
    expect(instances.filter((v) => v === 2).length).toBe(90);
    // Two pixels wide: no pixel of one instance is within 2 px (8-neighbourhood) of the other.
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        if (instances[y * width + x] === 1)
          for (let dx = -2; dx <= 2; dx++)
            expect(instances[y * width + Math.min(width - 1, Math.max(0, x + dx))]).not.toBe(2);
  });

  it('refuses a gap other than 1 or 2', () => {
    expect(() => separateTouchingInstances(new Int32Array(4), 2, 2, 3 as 1)).toThrow(RangeError);
  });

  it('rejects a map of the wrong size', () => {
    expect(() => separateTouchingInstances(new Int32Array(3), 2, 2)).toThrow(RangeError);
  });
});

describe('instances from labels', () => {
  const width = 6;
  // prettier-ignore
  const labels = Uint8Array.from([
    2, 2, 1, 1, 3, 3,
    1, 2, 1, 0, 3, 2,
    1, 1, 2, 0, 0, 0,
  ]);

  it('instancesFromMask takes 8-connected components of the foreground class', () => {
    const ids = instancesFromMask(labels, width, 3, 2);
    // (0,0),(1,0),(1,1),(2,2) are one component through the diagonal; (5,1) is another.
    expect(Array.from(ids)).toEqual([1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 1, 0, 0, 0]);
  });

  it('instancesOfNonBackground keeps touching classes apart', () => {
    const ids = instancesOfNonBackground(labels, width, 3, 1);
    expect(ids[4]).toBe(ids[10]); // class 3 block
    expect(ids[11]).not.toBe(ids[10]); // class 2 pixel touching the class 3 block
    expect(ids[11]).not.toBe(0);
    expect(ids[2]).toBe(0);
    expect(new Set(ids).size).toBe(4); // 0 + three instances
  });

  it('binaryLabelsFromInstances marks background 1 and instances 2', () => {
    expect(Array.from(binaryLabelsFromInstances(Int32Array.from([0, 4, 0, 9])))).toEqual([
      1, 2, 1, 2,
    ]);
  });
});
