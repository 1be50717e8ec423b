// The label map of a large page drawn at a pyramid level: each level pixel shows the label at
// the centre of the 2^L x 2^L block it stands for. Sampling rather than scanning the block
// keeps a full redraw proportional to what the screen shows (a 16k page zoomed out would
// otherwise read all its 268 million labels); strokes thinner than a level pixel may show
// broken until the view zooms in, as the averaged image does.
import { clipRect, type PixelRect } from '../annotation/pixel-rect';
import { levelSize, type PageSize } from './pyramid';

/** The image pixel a level pixel shows along one axis: its block's centre, kept on the page. */
export function sampleCoordinate(levelCoordinate: number, level: number, pageSide: number): number {
  const factor = 2 ** level;
  return Math.min(pageSide - 1, levelCoordinate * factor + (factor >> 1));
}

/**
 * The level pixels that may show a change to `rect` (image pixels), clipped to the level: every
 * level pixel whose block touches the rect. Null when none does.
 */
export function imageRectToLevel(rect: PixelRect, level: number, page: PageSize): PixelRect | null {
  const factor = 2 ** level;
  const x = Math.floor(rect.x / factor);
  const y = Math.floor(rect.y / factor);
  const right = Math.ceil((rect.x + rect.width) / factor);
  const bottom = Math.ceil((rect.y + rect.height) / factor);
  const size = levelSize(page, level);
  return clipRect({ x, y, width: right - x, height: bottom - y }, size.width, size.height);
}

/**
 * RGBA bytes of `rect` (level pixels) of the label map at `level`, ready for putImageData. At
 * level 0 every label pixel is its own sample.
 */
export function colouriseLevelRect(
  map: Uint8Array,
  page: PageSize,
  rect: PixelRect,
  level: number,
  table: Uint32Array,
): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(rect.width * rect.height * 4);
  const pixels = new Uint32Array(out.buffer);
  const columns = new Uint32Array(rect.width);
  for (let column = 0; column < rect.width; column++) {
    columns[column] = sampleCoordinate(rect.x + column, level, page.width);
  }
  for (let row = 0; row < rect.height; row++) {
    const source = sampleCoordinate(rect.y + row, level, page.height) * page.width;
    const target = row * rect.width;
    for (let column = 0; column < rect.width; column++) {
      pixels[target + column] = table[
        map[source + (columns[column] as number)] as number
      ] as number;
    }
  }
  return out;
}
