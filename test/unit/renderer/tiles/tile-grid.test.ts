import { describe, expect, it } from 'vitest';
import {
  TILE_SIZE,
  ancestorOf,
  levelRectToImage,
  tileAt,
  tileGrid,
  tileKey,
  tileLevelRect,
  type TileCoord,
} from '../../../../src-renderer/src/lib/tiles/tile-grid';

const page = { width: 6000, height: 5000 };
const keys = (tiles: TileCoord[]) => tiles.map(tileKey);
const sorted = (tiles: TileCoord[]) => keys(tiles).sort();

describe('tileLevelRect and levelRectToImage', () => {
  it('clips the last tile at the level edge', () => {
    expect(TILE_SIZE).toBe(512);
    expect(tileLevelRect({ level: 0, column: 0, row: 0 }, page)).toEqual({
      x: 0,
      y: 0,
      width: 512,
      height: 512,
    });
    // Level 0: 6000 = 11 * 512 + 368; 5000 = 9 * 512 + 392.
    expect(tileLevelRect({ level: 0, column: 11, row: 9 }, page)).toEqual({
      x: 5632,
      y: 4608,
      width: 368,
      height: 392,
    });
    // Level 2 is 1500 x 1250.
    expect(tileLevelRect({ level: 2, column: 2, row: 2 }, page)).toEqual({
      x: 1024,
      y: 1024,
      width: 476,
      height: 226,
    });
  });

  it('places level pixels at 2^L image pixels each', () => {
    expect(levelRectToImage({ x: 1024, y: 512, width: 476, height: 226 }, 2)).toEqual({
      x: 4096,
      y: 2048,
      width: 1904,
      height: 904,
    });
  });
});

describe('tileAt and ancestorOf', () => {
  it('finds the tile holding an image pixel at any level', () => {
    expect(tileAt(0, 511, 512)).toEqual({ level: 0, column: 0, row: 1 });
    expect(tileAt(2, 2047, 2048)).toEqual({ level: 2, column: 0, row: 1 });
  });

  it('finds the coarser tile that covers a tile', () => {
    expect(ancestorOf({ level: 0, column: 5, row: 3 }, 1)).toEqual({ level: 1, column: 2, row: 1 });
    expect(ancestorOf({ level: 0, column: 5, row: 3 }, 2)).toEqual({ level: 2, column: 1, row: 0 });
    expect(ancestorOf({ level: 1, column: 7, row: 0 }, 4)).toEqual({ level: 4, column: 0, row: 0 });
  });
});

describe('tileGrid', () => {
  it('gives the tiles on screen, nearest the centre first, then a margin ring', () => {
    // Scale 1, image pixel (1000, 1000) at the screen's top-left, 800 x 600 screen:
    // image x 1000..1800 (columns 1..3), y 1000..1600 (rows 1..3).
    const grid = tileGrid({ scale: 1, x: -1000, y: -1000 }, { width: 800, height: 600 }, page, 0);
    expect(grid.level).toBe(0);
    expect(sorted(grid.visible)).toEqual(
      ['0/1/1', '0/2/1', '0/3/1', '0/1/2', '0/2/2', '0/3/2', '0/1/3', '0/2/3', '0/3/3'].sort(),
    );
    // The centre (1400, 1300) is in tile (2, 2).
    expect(tileKey(grid.visible[0] as TileCoord)).toBe('0/2/2');
    // One tile of margin: columns 0..4, rows 0..4, visible ones first and not twice.
    expect(grid.wanted).toHaveLength(25);
    expect(keys(grid.wanted.slice(0, 9))).toEqual(keys(grid.visible));
    expect(new Set(keys(grid.wanted)).size).toBe(25);
  });

  it('keeps the margin inside the level', () => {
    const grid = tileGrid({ scale: 1, x: 0, y: 0 }, { width: 500, height: 500 }, page, 0);
    expect(keys(grid.visible)).toEqual(['0/0/0']);
    expect(sorted(grid.wanted)).toEqual(['0/0/0', '0/0/1', '0/1/0', '0/1/1']);
  });

  it('counts level tiles when zoomed out', () => {
    // The whole page at scale 0.15 sits in 900 x 750 screen pixels; level 2 is 1500 x 1250,
    // three tiles by three.
    const grid = tileGrid({ scale: 0.15, x: 0, y: 0 }, { width: 1000, height: 800 }, page, 2);
    expect(grid.visible).toHaveLength(9);
    expect(grid.wanted).toHaveLength(9);
  });

  it('is empty when the page is scrolled away or the view has no size', () => {
    const away = tileGrid({ scale: 1, x: 7000, y: 0 }, { width: 800, height: 600 }, page, 0);
    expect(away).toEqual({ level: 0, visible: [], wanted: [] });
    const none = tileGrid({ scale: 1, x: 0, y: 0 }, { width: 0, height: 0 }, page, 0);
    expect(none.visible).toEqual([]);
  });

  it('does not count a tile that only touches the screen edge', () => {
    // Screen covers image x 0..512 exactly: column 1 starts where the screen ends.
    const grid = tileGrid({ scale: 1, x: 0, y: 0 }, { width: 512, height: 512 }, page, 0);
    expect(keys(grid.visible)).toEqual(['0/0/0']);
  });
});
