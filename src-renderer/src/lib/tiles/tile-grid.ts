// Cutting a pyramid level into fixed square tiles, and which of them a view needs. Tiles have
// the same side in every level's own pixels, so tile (L, column, row) covers image pixels from
// (column, row) * TILE_SIZE * 2^L, and the tile above it at level L + k is (column, row) / 2^k.
import type { PixelRect } from '../annotation/pixel-rect';
import type { Size, ViewTransform } from '../zoom';
import { levelSize, type PageSize } from './pyramid';

/** Level pixels per tile side: 512 KB of 16-bit samples, a quarter of MAX_REGION_SIDE. */
export const TILE_SIZE = 512;

export interface TileCoord {
  level: number;
  column: number;
  row: number;
}

export function tileKey(tile: TileCoord): string {
  return `${tile.level}/${tile.column}/${tile.row}`;
}

/** The tile's pixels in its own level, clipped at the level's edge. */
export function tileLevelRect(tile: TileCoord, page: PageSize, tileSize = TILE_SIZE): PixelRect {
  const size = levelSize(page, tile.level);
  const x = tile.column * tileSize;
  const y = tile.row * tileSize;
  return {
    x,
    y,
    width: Math.max(0, Math.min(tileSize, size.width - x)),
    height: Math.max(0, Math.min(tileSize, size.height - y)),
  };
}

/**
 * Where level pixels lie on the page. The last column or row of a level may reach past the page
 * by up to 2^L - 1 image pixels: it averages a partial block, and is drawn at full block size.
 */
export function levelRectToImage(rect: PixelRect, level: number): PixelRect {
  const factor = 2 ** level;
  return {
    x: rect.x * factor,
    y: rect.y * factor,
    width: rect.width * factor,
    height: rect.height * factor,
  };
}

/** The tile of `level` holding image pixel (x, y); the caller keeps the point on the page. */
export function tileAt(level: number, x: number, y: number, tileSize = TILE_SIZE): TileCoord {
  const span = tileSize * 2 ** level;
  return { level, column: Math.floor(x / span), row: Math.floor(y / span) };
}

/** The tile of the coarser `level` that covers `tile`. */
export function ancestorOf(tile: TileCoord, level: number): TileCoord {
  const factor = 2 ** (level - tile.level);
  return {
    level,
    column: Math.floor(tile.column / factor),
    row: Math.floor(tile.row / factor),
  };
}

export interface TileGrid {
  level: number;
  /** Tiles at least partly on screen, nearest the centre of the view first. */
  visible: TileCoord[];
  /** The visible tiles, then a ring of `margin` tiles around them: the order to fetch them in. */
  wanted: TileCoord[];
}

interface TileRange {
  c0: number;
  c1: number;
  r0: number;
  r1: number;
}

function tilesIn(range: TileRange, level: number, skip?: TileRange): TileCoord[] {
  const tiles: TileCoord[] = [];
  for (let row = range.r0; row <= range.r1; row++) {
    for (let column = range.c0; column <= range.c1; column++) {
      const inSkip =
        !!skip && column >= skip.c0 && column <= skip.c1 && row >= skip.r0 && row <= skip.r1;
      if (!inSkip) tiles.push({ level, column, row });
    }
  }
  return tiles;
}

/**
 * The tiles of `level` a view shows, plus a margin ring fetched ahead of panning. Empty when the
 * page is scrolled out of sight or the view has no size.
 */
export function tileGrid(
  view: ViewTransform,
  viewport: Size,
  page: PageSize,
  level: number,
  tileSize = TILE_SIZE,
  margin = 1,
): TileGrid {
  const size = levelSize(page, level);
  const columns = Math.ceil(size.width / tileSize);
  const rows = Math.ceil(size.height / tileSize);
  const span = tileSize * 2 ** level;
  const left = -view.x / view.scale;
  const top = -view.y / view.scale;
  const right = (viewport.width - view.x) / view.scale;
  const bottom = (viewport.height - view.y) / view.scale;
  const visibleRange: TileRange = {
    c0: Math.max(0, Math.floor(left / span)),
    c1: Math.min(columns - 1, Math.ceil(right / span) - 1),
    r0: Math.max(0, Math.floor(top / span)),
    r1: Math.min(rows - 1, Math.ceil(bottom / span) - 1),
  };
  if (visibleRange.c0 > visibleRange.c1 || visibleRange.r0 > visibleRange.r1) {
    return { level, visible: [], wanted: [] };
  }
  const marginRange: TileRange = {
    c0: Math.max(0, visibleRange.c0 - margin),
    c1: Math.min(columns - 1, visibleRange.c1 + margin),
    r0: Math.max(0, visibleRange.r0 - margin),
    r1: Math.min(rows - 1, visibleRange.r1 + margin),
  };
  const centreX = (left + right) / 2;
  const centreY = (top + bottom) / 2;
  const distance = (tile: TileCoord) =>
    Math.hypot((tile.column + 0.5) * span - centreX, (tile.row + 0.5) * span - centreY);
  const byDistance = (a: TileCoord, b: TileCoord) => distance(a) - distance(b);
  const visible = tilesIn(visibleRange, level).sort(byDistance);
  const ring = tilesIn(marginRange, level, visibleRange).sort(byDistance);
  return { level, visible, wanted: [...visible, ...ring] };
}
