import { describe, expect, it } from 'vitest';
import { fillHoles } from '../../../../src-main/engine/postprocess';
import { GrowingQueue } from '../../../../src-main/engine/postprocess/growing-queue';
import { grid } from './grid';

const fill = (rows: string[]) => {
  const { width, height, values } = grid(rows);
  return Array.from(fillHoles(Uint8Array.from(values), width, height));
};

describe('fillHoles', () => {
  it('fills the inside of a ring and leaves the outside', () => {
    expect(fill(['......', '.####.', '.#..#.', '.####.', '......'])).toEqual(
      grid(['......', '.####.', '.####.', '.####.', '......']).values,
    );
  });

  it('does not fill a bay open to the border, nor leak through a 4-connected gap', () => {
    // The ring is open at the top (a bay): nothing to fill.
    expect(fill(['#.#', '#.#', '###'])).toEqual(grid(['#.#', '#.#', '###']).values);
    // A diagonal gap at the corner encloses the centre for 4-connected background.
    expect(fill(['.#.', '#.#', '.#.'])).toEqual(grid(['.#.', '###', '.#.']).values);
  });

  it('keeps foreground values and fills holes with the given value', () => {
    expect(fill(['111', '1.1', '111'])).toEqual([1, 1, 1, 1, 255, 1, 1, 1, 1]);
    const { width, height, values } = grid(['111', '1.1', '111']);
    expect(fillHoles(Uint8Array.from(values), width, height, 1)[4]).toBe(1);
  });

  it('fills the hole of a ring in a large image and nothing else', () => {
    // 100 x 100 image, a square outline on rows/columns 40..59: the 18 x 18 inside is the hole.
    const size = 100;
    const inside = (v: number) => v > 40 && v < 59;
    const onRing = (x: number, y: number) =>
      x >= 40 && x <= 59 && y >= 40 && y <= 59 && !(inside(x) && inside(y));
    const mask = new Uint8Array(size * size);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) if (onRing(x, y)) mask[y * size + x] = 255;
    const out = fillHoles(mask, size, size);
    let filled = 0;
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        const expected = onRing(x, y) || (inside(x) && inside(y)) ? 255 : 0;
        if (out[y * size + x] !== expected)
          throw new Error(`pixel ${x},${y} is ${out[y * size + x]}`);
        if (inside(x) && inside(y)) filled++;
      }
    expect(filled).toBe(18 * 18);
  });
});

describe('GrowingQueue', () => {
  it('keeps FIFO order across growth and wrap-around', () => {
    const queue = new GrowingQueue(4);
    const out: number[] = [];
    for (let k = 0; k < 3; k++) queue.push(k);
    out.push(queue.shift(), queue.shift()); // head moves, so the next growth must unwrap
    for (let k = 3; k < 40; k++) queue.push(k);
    while (queue.length > 0) out.push(queue.shift());
    expect(out).toEqual(Array.from({ length: 40 }, (_, k) => k));
  });
});
