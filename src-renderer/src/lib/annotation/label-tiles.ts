// Label maps are saved in LABEL_TILE_SIZE square tiles, and only the tiles a change touched are
// written. Edge tiles are padded with 0 (unpainted) as the contract requires.
import { LABEL_TILE_SIZE } from '../../../../src-preload/contract';
import type { PixelRect } from './pixel-rect';

export interface TileRef {
  tx: number;
  ty: number;
}

/** Every tile a rectangle of pixels overlaps (for a gesture too large to list pixel by pixel). */
export function tilesOfRect(rect: PixelRect): TileRef[] {
  const tiles: TileRef[] = [];
  const tx0 = Math.floor(rect.x / LABEL_TILE_SIZE);
  const ty0 = Math.floor(rect.y / LABEL_TILE_SIZE);
  const tx1 = Math.floor((rect.x + rect.width - 1) / LABEL_TILE_SIZE);
  const ty1 = Math.floor((rect.y + rect.height - 1) / LABEL_TILE_SIZE);
  for (let ty = ty0; ty <= ty1; ty++) for (let tx = tx0; tx <= tx1; tx++) tiles.push({ tx, ty });
  return tiles;
}

/** The tiles holding the given pixel indices of a map `width` pixels wide. */
export function tilesOfIndices(indices: ArrayLike<number>, width: number): TileRef[] {
  const seen = new Set<number>();
  const tiles: TileRef[] = [];
  const columns = Math.ceil(width / LABEL_TILE_SIZE);
  let previous = -1;
  for (let k = 0; k < indices.length; k++) {
    const index = indices[k] as number;
    const x = index % width;
    const y = (index - x) / width;
    const tx = Math.floor(x / LABEL_TILE_SIZE);
    const ty = Math.floor(y / LABEL_TILE_SIZE);
    const key = ty * columns + tx;
    // Changes come in row runs: most indices fall in the tile of the one before.
    if (key === previous || seen.has(key)) continue;
    previous = key;
    seen.add(key);
    tiles.push({ tx, ty });
  }
  return tiles;
}

/** One tile's LABEL_TILE_SIZE^2 bytes, row-major, with 0 beyond the image's right and bottom. */
export function extractTile(
  map: Uint8Array,
  width: number,
  height: number,
  tile: TileRef,
): Uint8Array {
  const out = new Uint8Array(LABEL_TILE_SIZE * LABEL_TILE_SIZE);
  const x0 = tile.tx * LABEL_TILE_SIZE;
  const y0 = tile.ty * LABEL_TILE_SIZE;
  const columns = Math.max(0, Math.min(LABEL_TILE_SIZE, width - x0));
  const rows = Math.max(0, Math.min(LABEL_TILE_SIZE, height - y0));
  for (let row = 0; row < rows; row++) {
    const start = (y0 + row) * width + x0;
    out.set(map.subarray(start, start + columns), row * LABEL_TILE_SIZE);
  }
  return out;
}

/** The set of tiles changed since they were last handed to a write. */
export class DirtyTiles {
  private readonly tiles = new Map<string, TileRef>();

  get size(): number {
    return this.tiles.size;
  }

  add(tiles: Iterable<TileRef>): void {
    for (const tile of tiles) this.tiles.set(`${tile.tx},${tile.ty}`, tile);
  }

  has(tile: TileRef): boolean {
    return this.tiles.has(`${tile.tx},${tile.ty}`);
  }

  /** Empties the set and returns what it held, in row-major order (ty, then tx). */
  take(): TileRef[] {
    const taken = [...this.tiles.values()].sort((a, b) => a.ty - b.ty || a.tx - b.tx);
    this.tiles.clear();
    return taken;
  }

  clear(): void {
    this.tiles.clear();
  }
}
