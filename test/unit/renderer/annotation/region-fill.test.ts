import { describe, expect, it } from 'vitest';
import { LabelPainter } from '../../../../src-renderer/src/lib/annotation/label-change';
import { fillPolygon, floodFill } from '../../../../src-renderer/src/lib/annotation/region-fill';
import { mapFromRows, rowsFromMap } from './helpers';

function fill(rows: string[], seed: { x: number; y: number }, value: number, bounds?: object) {
  const { map, width, height } = mapFromRows(rows);
  const painter = new LabelPainter(map, width, height, value);
  const count = floodFill(painter, seed, { x: 0, y: 0, width, height, ...bounds });
  return { rows: rowsFromMap(map, width), count, change: painter.finish() };
}

describe('floodFill', () => {
  it('fills the inside of a closed outline and nothing outside it', () => {
    const result = fill(
      ['........', '.11111..', '.1...1..', '.1...1..', '.11111..', '........'],
      { x: 3.4, y: 2.6 },
      2,
    );
    expect(result.rows).toEqual([
      '........',
      '.11111..',
      '.12221..',
      '.12221..',
      '.11111..',
      '........',
    ]);
    expect(result.count).toBe(6);
    expect(result.change?.bounds).toEqual({ x: 2, y: 2, width: 3, height: 2 });
  });

  it('does not leak through a diagonal outline whose pixels touch only at corners', () => {
    const diamond = [
      '....1....',
      '...1.1...',
      '..1...1..',
      '.1.....1.',
      '..1...1..',
      '...1.1...',
      '....1....',
    ];
    const result = fill(diamond, { x: 4, y: 3 }, 2);
    expect(result.rows).toEqual([
      '....1....',
      '...121...',
      '..12221..',
      '.1222221.',
      '..12221..',
      '...121...',
      '....1....',
    ]);
    expect(result.count).toBe(13);
  });

  it('fills unpainted pixels outside the outline when clicked outside, up to the bounds', () => {
    const result = fill(['.....', '.111.', '.1.1.', '.111.', '.....'], { x: 0, y: 0 }, 2, {
      x: 0,
      y: 0,
      width: 3,
      height: 5,
    });
    expect(result.rows).toEqual(['222..', '2111.', '21.1.', '2111.', '222..']);
  });

  it('replaces one connected region of a class and leaves its other regions', () => {
    const result = fill(['11.11', '11.11', '.....'], { x: 0, y: 0 }, 2);
    expect(result.rows).toEqual(['22.11', '22.11', '.....']);
  });

  it('changes nothing when the region already holds the class, or the click is out of bounds', () => {
    expect(fill(['22', '22'], { x: 1, y: 1 }, 2).change).toBeNull();
    expect(fill(['..', '..'], { x: 5, y: 1 }, 2).count).toBe(0);
    expect(fill(['..', '..'], { x: 1, y: 1 }, 2, { x: 0, y: 0, width: 1, height: 2 }).count).toBe(
      0,
    );
  });
});

describe('fillPolygon', () => {
  function polygon(points: [number, number][], width: number, height: number): string[] {
    const map = new Uint8Array(width * height);
    fillPolygon(
      new LabelPainter(map, width, height, 1),
      points.map(([x, y]) => ({ x, y })),
      width,
      height,
    );
    return rowsFromMap(map, width);
  }

  it('fills the pixels whose centres lie inside a square', () => {
    expect(
      polygon(
        [
          [2, 2],
          [6, 2],
          [6, 6],
          [2, 6],
        ],
        8,
        8,
      ),
    ).toEqual([
      '........',
      '........',
      '..1111..',
      '..1111..',
      '..1111..',
      '..1111..',
      '........',
      '........',
    ]);
  });

  it('leaves the notch of a concave (U-shaped) polygon empty', () => {
    expect(
      polygon(
        [
          [1, 1],
          [3, 1],
          [3, 4],
          [5, 4],
          [5, 1],
          [7, 1],
          [7, 6],
          [1, 6],
        ],
        8,
        7,
      ),
    ).toEqual(['........', '.11..11.', '.11..11.', '.11..11.', '.111111.', '.111111.', '........']);
  });

  it('follows the even-odd rule where a lasso crosses itself, and clips to the image', () => {
    // A bow tie: two triangles, wide at the left and right edges, meeting at (4, 2).
    expect(
      polygon(
        [
          [0, 0],
          [8, 4],
          [8, 0],
          [0, 4],
        ],
        8,
        4,
      ),
    ).toEqual(['1......1', '111..111', '111..111', '1......1']);
    expect(
      polygon(
        [
          [-3, -3],
          [3, -3],
          [3, 2],
          [-3, 2],
        ],
        4,
        3,
      ),
    ).toEqual(['111.', '111.', '....']);
  });
});
