// The resolution pyramid the studio serves for large pages (`images:region`): level 0 is the
// page, level L halves it L times (sides rounded up), and levels stop once both sides are at
// most PYRAMID_TOP_SIDE. The view picks the level from the zoom, so it never fetches more
// pixels than the screen can show.
import { LARGE_IMAGE_PIXELS } from '../../../../src-preload/contract';

/** Mirrors main's pyramid: the top level fits one tile, which makes it the page's overview. */
export const PYRAMID_TOP_SIDE = 512;

export interface PageSize {
  width: number;
  height: number;
}

/** Pages above this are shown tile by tile; below it, whole (one `images:pixels` answer). */
export function isLargePage(page: PageSize): boolean {
  return page.width * page.height > LARGE_IMAGE_PIXELS;
}

/** The size of level `level` (each halving rounds up: an odd last row is averaged alone). */
export function levelSize(page: PageSize, level: number): PageSize {
  let { width, height } = page;
  for (let l = 0; l < level; l++) {
    width = Math.ceil(width / 2);
    height = Math.ceil(height / 2);
  }
  return { width, height };
}

/** How many levels the pyramid of a page has (1 when the page is already small enough). */
export function levelCount(page: PageSize, topSide = PYRAMID_TOP_SIDE): number {
  let { width, height } = page;
  let levels = 1;
  while (width > topSide || height > topSide) {
    width = Math.ceil(width / 2);
    height = Math.ceil(height / 2);
    levels++;
  }
  return levels;
}

/**
 * The coarsest level whose pixels are no larger than a screen pixel: one level pixel covers
 * 2^L image pixels, shown as 2^L * scale * pixelRatio device pixels, so L = floor(log2(1 /
 * (scale * pixelRatio))). Counting device pixels keeps a high-density screen as sharp as its
 * canvas (Konva draws at the device pixel ratio).
 */
export function levelForScale(scale: number, levels: number, pixelRatio = 1): number {
  const devicePixelsPerImagePixel = scale * pixelRatio;
  if (!(devicePixelsPerImagePixel > 0) || levels < 1) return 0;
  // A hair of tolerance: 1/8 must give level 3, not 2 from log2 rounding.
  const level = Math.floor(Math.log2(1 / devicePixelsPerImagePixel) + 1e-9);
  return Math.min(levels - 1, Math.max(0, level));
}
