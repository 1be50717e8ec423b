// One tile of a pyramid level as `images:region` answers it, checked against what was asked
// before it is drawn: an answer for another image, page, level or place is refused, so a tile
// can be missing but never wrong.
import type { ImageRegion, PixelDtype } from '../../../../src-preload/contract';
import type { PixelRect } from '../annotation/pixel-rect';
import { viewSamples, type PixelArray } from '../pixels';
import { levelCount, levelSize, type PageSize } from './pyramid';
import { tileLevelRect, type TileCoord } from './tile-grid';

export interface DecodedTile {
  tile: TileCoord;
  /** The level pixels the samples cover (the tile clipped at the level's edge). */
  rect: PixelRect;
  channels: number;
  dtype: PixelDtype;
  /** rect.width * rect.height * channels samples, channels interleaved. */
  samples: PixelArray;
}

export interface RegionRequest {
  imageId: number;
  page: number;
  level: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PageRef extends PageSize {
  imageId: number;
  page: number;
}

export function regionRequest(page: PageRef, tile: TileCoord): RegionRequest {
  const rect = tileLevelRect(tile, page);
  return { imageId: page.imageId, page: page.page, level: tile.level, ...rect };
}

/**
 * The tile in an answer to `asked`, or a RangeError naming what differs: the place, or the
 * pyramid itself (a level size other than this page's would put every tile in the wrong place).
 */
export function decodeRegion(
  region: ImageRegion,
  asked: RegionRequest,
  tile: TileCoord,
  page: PageSize,
): DecodedTile {
  const level = levelSize(page, asked.level);
  const mismatch = (
    [
      ['image', region.imageId, asked.imageId],
      ['page', region.page, asked.page],
      ['level', region.level, asked.level],
      ['x', region.x, asked.x],
      ['y', region.y, asked.y],
      ['width', region.width, asked.width],
      ['height', region.height, asked.height],
      ['level width', region.levelWidth, level.width],
      ['level height', region.levelHeight, level.height],
      ['level count', region.levels, levelCount(page)],
    ] as const
  ).find(([, got, wanted]) => got !== wanted);
  if (mismatch) {
    const [what, got, wanted] = mismatch;
    throw new RangeError(`The region answered ${what} ${got} where ${wanted} was asked.`);
  }
  // A copy: the bytes may be a view into a larger message buffer, which a cached tile would
  // otherwise keep alive without the cache counting it.
  const samples = viewSamples(region.data.slice(), region.dtype);
  const expected = region.width * region.height * region.channels;
  if (samples.length !== expected) {
    throw new RangeError(`Expected ${expected} samples in the region, got ${samples.length}.`);
  }
  return {
    tile,
    rect: { x: region.x, y: region.y, width: region.width, height: region.height },
    channels: region.channels,
    dtype: region.dtype,
    samples,
  };
}

/** The raw channel values of level pixel (x, y) of a tile, or null when it is not in it. */
export function tileValuesAt(tile: DecodedTile, x: number, y: number): number[] | null {
  const column = x - tile.rect.x;
  const row = y - tile.rect.y;
  if (column < 0 || row < 0 || column >= tile.rect.width || row >= tile.rect.height) return null;
  const start = (row * tile.rect.width + column) * tile.channels;
  return Array.from(tile.samples.subarray(start, start + tile.channels));
}
