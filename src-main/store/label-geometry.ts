// Where label tiles sit on an image, and how a tile's bytes map to the image's label map.
// Pure functions: no database, so they are tested exactly in test/unit/store/.
import { LABEL_TILE_SIZE } from '../../src-preload/contract';

export const TILE_PIXELS = LABEL_TILE_SIZE * LABEL_TILE_SIZE;

export interface TileGrid {
  columns: number;
  rows: number;
}

export function tileGrid(width: number, height: number): TileGrid {
  return { columns: Math.ceil(width / LABEL_TILE_SIZE), rows: Math.ceil(height / LABEL_TILE_SIZE) };
}

/** The part of tile (tx, ty) that lies on the image; the rest of an edge tile is padding. */
export function tileExtent(
  width: number,
  height: number,
  tx: number,
  ty: number,
): { x0: number; y0: number; w: number; h: number } {
  const x0 = tx * LABEL_TILE_SIZE;
  const y0 = ty * LABEL_TILE_SIZE;
  return {
    x0,
    y0,
    w: Math.max(0, Math.min(LABEL_TILE_SIZE, width - x0)),
    h: Math.max(0, Math.min(LABEL_TILE_SIZE, height - y0)),
  };
}

/**
 * Why tile (tx, ty) with `data` cannot belong to a width x height label map, or undefined if it
 * can. Padding must be 0: a label outside the image would be invisible yet could be trained on.
 */
export function tileProblem(
  width: number,
  height: number,
  tx: number,
  ty: number,
  data: Uint8Array,
): string | undefined {
  const grid = tileGrid(width, height);
  if (!Number.isInteger(tx) || !Number.isInteger(ty) || tx < 0 || ty < 0) {
    return `Tile (${tx}, ${ty}) is not a tile position.`;
  }
  if (tx >= grid.columns || ty >= grid.rows) {
    return `Tile (${tx}, ${ty}) lies outside the image, which has ${grid.columns} x ${grid.rows} tiles.`;
  }
  if (data.length !== TILE_PIXELS) {
    return `Tile (${tx}, ${ty}) holds ${data.length} values; a tile holds ${TILE_PIXELS}.`;
  }
  const { w, h } = tileExtent(width, height, tx, ty);
  for (let y = 0; y < LABEL_TILE_SIZE; y++) {
    const rowStart = y * LABEL_TILE_SIZE;
    const from = y < h ? rowStart + w : rowStart; // whole rows below the image are padding
    for (let i = from; i < rowStart + LABEL_TILE_SIZE; i++) {
      if (data[i] !== 0) return `Tile (${tx}, ${ty}) has labels outside the image's edge.`;
    }
  }
  return undefined;
}

export function isAllZero(data: Uint8Array): boolean {
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) return false;
  return true;
}

/** Copies the on-image part of a tile into a row-major width x height map. */
export function copyTileIntoMap(
  map: Uint8Array,
  width: number,
  height: number,
  tx: number,
  ty: number,
  tile: Uint8Array,
): void {
  const { x0, y0, w, h } = tileExtent(width, height, tx, ty);
  for (let y = 0; y < h; y++) {
    const source = y * LABEL_TILE_SIZE;
    map.set(tile.subarray(source, source + w), (y0 + y) * width + x0);
  }
}

/** Cuts tile (tx, ty) out of a row-major width x height map, padding with 0 past the edge. */
export function extractTile(
  map: Uint8Array,
  width: number,
  height: number,
  tx: number,
  ty: number,
): Uint8Array {
  const tile = new Uint8Array(TILE_PIXELS);
  const { x0, y0, w, h } = tileExtent(width, height, tx, ty);
  for (let y = 0; y < h; y++) {
    const source = (y0 + y) * width + x0;
    tile.set(map.subarray(source, source + w), y * LABEL_TILE_SIZE);
  }
  return tile;
}
