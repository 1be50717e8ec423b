// A resolution pyramid of one page, for viewing images too large to send or draw whole: level 0
// is the page itself, each further level halves both sides by averaging 2 x 2 blocks (the last
// row or column of an odd side averages what it has). The samples keep the page's own type, so
// the window the person chose still applies to every level; NaN and Inf samples are left out of
// a float average (a block of nothing but them stays NaN).
import { allocateSamples, type PixelDtype, type RasterData } from './raster';

export interface PyramidLevel {
  width: number;
  height: number;
  /** height * width * channels samples, row-major, channels interleaved. */
  data: RasterData;
}

/** Levels stop once both sides are at most this: a whole level then fits one screen tile. */
export const PYRAMID_TOP_SIDE = 512;

export function halveLevel(level: PyramidLevel, channels: number, dtype: PixelDtype): PyramidLevel {
  const width = Math.ceil(level.width / 2);
  const height = Math.ceil(level.height / 2);
  const out = allocateSamples(dtype, width * height * channels);
  const source = level.data;
  const isFloat = dtype === 'float32';
  for (let y = 0; y < height; y++) {
    const y0 = 2 * y;
    const y1 = Math.min(y0 + 1, level.height - 1);
    for (let x = 0; x < width; x++) {
      const x0 = 2 * x;
      const x1 = Math.min(x0 + 1, level.width - 1);
      for (let c = 0; c < channels; c++) {
        const a = source[(y0 * level.width + x0) * channels + c]!;
        const b = source[(y0 * level.width + x1) * channels + c]!;
        const d = source[(y1 * level.width + x0) * channels + c]!;
        const e = source[(y1 * level.width + x1) * channels + c]!;
        const target = (y * width + x) * channels + c;
        if (!isFloat) {
          out[target] = Math.round((a + b + d + e) / 4);
          continue;
        }
        let sum = 0;
        let count = 0;
        for (const v of [a, b, d, e]) {
          if (Number.isFinite(v)) {
            sum += v;
            count++;
          }
        }
        out[target] = count > 0 ? sum / count : Number.NaN;
      }
    }
  }
  return { width, height, data: out };
}

/** Levels 1.. of a page (level 0 is the page and is not copied). */
export function buildPyramid(
  page: PyramidLevel,
  channels: number,
  dtype: PixelDtype,
  topSide = PYRAMID_TOP_SIDE,
): PyramidLevel[] {
  const levels: PyramidLevel[] = [];
  let current = page;
  while (current.width > topSide || current.height > topSide) {
    current = halveLevel(current, channels, dtype);
    levels.push(current);
  }
  return levels;
}

/** Bytes the levels above 0 take: about a third of the page. */
export function pyramidBytes(levels: PyramidLevel[]): number {
  return levels.reduce((sum, level) => sum + level.data.byteLength, 0);
}

/** A copy of the rectangle (x, y, width, height) of a level; the caller keeps it inside. */
export function copyRegion(
  level: PyramidLevel,
  channels: number,
  dtype: PixelDtype,
  x: number,
  y: number,
  width: number,
  height: number,
): RasterData {
  if (
    x < 0 ||
    y < 0 ||
    width < 1 ||
    height < 1 ||
    x + width > level.width ||
    y + height > level.height
  ) {
    throw new RangeError(
      `region ${x},${y} ${width}x${height} is outside the ${level.width}x${level.height} level`,
    );
  }
  const out = allocateSamples(dtype, width * height * channels);
  for (let row = 0; row < height; row++) {
    const from = ((y + row) * level.width + x) * channels;
    out.set(level.data.subarray(from, from + width * channels), row * width * channels);
  }
  return out;
}
