import { describe, expect, it } from 'vitest';
import { LABEL_TILE_SIZE } from '../../../../src-preload/contract';
import {
  DirtyTiles,
  extractTile,
  tilesOfIndices,
  tilesOfRect,
} from '../../../../src-renderer/src/lib/annotation/label-tiles';
import { visibleImageRect } from '../../../../src-renderer/src/lib/annotation/pixel-rect';

describe('tilesOfIndices', () => {
  it('names each tile touched once, in the order first touched', () => {
    const width = 600;
    const at = (x: number, y: number) => y * width + x;
    expect(
      tilesOfIndices([at(0, 0), at(255, 255), at(256, 0), at(599, 300), at(10, 10)], width),
    ).toEqual([
      { tx: 0, ty: 0 },
      { tx: 1, ty: 0 },
      { tx: 2, ty: 1 },
    ]);
    expect(tilesOfIndices([], width)).toEqual([]);
  });
});

describe('tilesOfRect', () => {
  it('names every tile a rectangle overlaps, edges included', () => {
    const t = LABEL_TILE_SIZE;
    expect(tilesOfRect({ x: t - 1, y: 0, width: 2, height: t + 1 })).toEqual([
      { tx: 0, ty: 0 },
      { tx: 1, ty: 0 },
      { tx: 0, ty: 1 },
      { tx: 1, ty: 1 },
    ]);
    expect(tilesOfRect({ x: 2 * t, y: 3 * t, width: t, height: t })).toEqual([{ tx: 2, ty: 3 }]);
  });
});

describe('extractTile', () => {
  it('copies a tile row-major and pads past the right and bottom edges with 0', () => {
    const width = 300;
    const height = 260;
    const map = new Uint8Array(width * height);
    for (let i = 0; i < map.length; i++) map[i] = 1 + (i % 7);
    const edge = extractTile(map, width, height, { tx: 1, ty: 1 });
    expect(edge).toHaveLength(LABEL_TILE_SIZE * LABEL_TILE_SIZE);
    // Inside: 44 columns (256..299) of 4 rows (256..259).
    expect(edge[0]).toBe(map[256 * width + 256]);
    expect(edge[43]).toBe(map[256 * width + 299]);
    expect(edge[3 * LABEL_TILE_SIZE + 43]).toBe(map[259 * width + 299]);
    let nonZero = 0;
    for (const v of edge) if (v !== 0) nonZero++;
    expect(nonZero).toBe(44 * 4);
    expect(edge[44]).toBe(0);
    expect(edge[4 * LABEL_TILE_SIZE]).toBe(0);

    const full = extractTile(map, width, height, { tx: 0, ty: 0 });
    expect(full[255 * LABEL_TILE_SIZE + 255]).toBe(map[255 * width + 255]);
    expect(full.every((v) => v !== 0)).toBe(true);
  });
});

describe('DirtyTiles', () => {
  it('holds each tile once and hands them over row by row, emptying itself', () => {
    const dirty = new DirtyTiles();
    dirty.add([
      { tx: 2, ty: 1 },
      { tx: 0, ty: 1 },
      { tx: 5, ty: 0 },
      { tx: 2, ty: 1 },
    ]);
    expect(dirty.size).toBe(3);
    expect(dirty.take()).toEqual([
      { tx: 5, ty: 0 },
      { tx: 0, ty: 1 },
      { tx: 2, ty: 1 },
    ]);
    expect(dirty.size).toBe(0);
  });
});

describe('visibleImageRect', () => {
  it('is the part of the image inside the viewport, whole pixels, clipped', () => {
    const image = { width: 512, height: 512 };
    expect(
      visibleImageRect({ scale: 2, x: -100, y: 10 }, { width: 300, height: 200 }, image),
    ).toEqual({ x: 50, y: 0, width: 150, height: 95 });
    expect(
      visibleImageRect({ scale: 0.5, x: 0, y: 0 }, { width: 1000, height: 1000 }, image),
    ).toEqual({ x: 0, y: 0, width: 512, height: 512 });
    expect(
      visibleImageRect({ scale: 1, x: 600, y: 0 }, { width: 500, height: 500 }, image),
    ).toBeNull();
  });
});
