import { describe, expect, it } from 'vitest';
import {
  TILE_PIXELS,
  copyTileIntoMap,
  extractTile,
  isAllZero,
  tileExtent,
  tileGrid,
  tileProblem,
} from '../../../src-main/store/label-geometry';

describe('label tile geometry', () => {
  it('covers an image with whole tiles, the last ones partial', () => {
    expect(TILE_PIXELS).toBe(65536);
    expect(tileGrid(256, 256)).toEqual({ columns: 1, rows: 1 });
    expect(tileGrid(257, 255)).toEqual({ columns: 2, rows: 1 });
    expect(tileGrid(600, 520)).toEqual({ columns: 3, rows: 3 });
    expect(tileExtent(600, 520, 2, 2)).toEqual({ x0: 512, y0: 512, w: 88, h: 8 });
    expect(tileExtent(600, 520, 0, 1)).toEqual({ x0: 0, y0: 256, w: 256, h: 256 });
  });

  it('round-trips a map through tiles exactly', () => {
    const width = 300;
    const height = 270;
    const map = Uint8Array.from({ length: width * height }, (_, i) => (i * 7919) % 251);
    const rebuilt = new Uint8Array(width * height);
    const { columns, rows } = tileGrid(width, height);
    for (let ty = 0; ty < rows; ty++) {
      for (let tx = 0; tx < columns; tx++) {
        const tile = extractTile(map, width, height, tx, ty);
        expect(tile).toHaveLength(TILE_PIXELS);
        expect(tileProblem(width, height, tx, ty, tile)).toBeUndefined();
        copyTileIntoMap(rebuilt, width, height, tx, ty, tile);
      }
    }
    expect(rebuilt).toEqual(map);
  });

  it('pads edge tiles with 0', () => {
    const map = new Uint8Array(300 * 270).fill(5);
    const corner = extractTile(map, 300, 270, 1, 1);
    expect(corner[0]).toBe(5); // (256, 256) is on the image
    expect(corner[43]).toBe(5); // x = 299
    expect(corner[44]).toBe(0); // x = 300 is past the edge
    expect(corner[14 * 256]).toBe(0); // y = 270 is past the edge
    expect(corner.reduce((sum, v) => sum + v, 0)).toBe(44 * 14 * 5);
  });

  it('explains what is wrong with a tile', () => {
    const full = new Uint8Array(TILE_PIXELS).fill(1);
    expect(tileProblem(600, 520, 3, 0, full)).toMatch(/outside the image, which has 3 x 3 tiles/);
    expect(tileProblem(600, 520, 0, -1, full)).toMatch(/not a tile position/);
    expect(tileProblem(600, 520, 0, 0, new Uint8Array(10))).toMatch(
      /holds 10 values; a tile holds 65536/,
    );
    expect(tileProblem(600, 520, 2, 0, full)).toMatch(/outside the image's edge/);
    const rightEdgeOnly = new Uint8Array(TILE_PIXELS);
    rightEdgeOnly[87] = 1; // x = 599, the last column on the image
    expect(tileProblem(600, 520, 2, 0, rightEdgeOnly)).toBeUndefined();
    rightEdgeOnly[88] = 1; // x = 600, one past it
    expect(tileProblem(600, 520, 2, 0, rightEdgeOnly)).toBeDefined();
    const belowBottom = new Uint8Array(TILE_PIXELS);
    belowBottom[8 * 256] = 1; // y = 520 in the bottom row of tiles
    expect(tileProblem(600, 520, 0, 2, belowBottom)).toBeDefined();
  });

  it('tells an empty tile from one with a single label', () => {
    const tile = new Uint8Array(TILE_PIXELS);
    expect(isAllZero(tile)).toBe(true);
    tile[TILE_PIXELS - 1] = 1;
    expect(isAllZero(tile)).toBe(false);
  });
});
