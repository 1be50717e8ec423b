// What the person sees: samples mapped linearly through a display window to 8-bit RGBA, at full
// size for the viewer and downscaled for thumbnails. The data itself is never changed.
import type { DisplayRange } from './display-range';
import { pageView, type Raster } from './raster';

export { computeDisplayRange, DEFAULT_PERCENTILES, type DisplayRange } from './display-range';
export { toSingleChannelIfGray } from './gray';

/** Maps one sample to 0..255 (rounded, clamped; NaN gives 0). */
type Windower = (sample: number) => number;

function makeWindower(r: Raster, range: DisplayRange): Windower {
  const { low, high } = range;
  const scale = 255 / (high - low);
  // Uint8ClampedArray rounds and clamps on assignment, which is exactly the mapping wanted.
  const offset = r.data instanceof Int16Array ? 32768 : 0;
  const size =
    r.data instanceof Uint8Array ? 256 : r.data instanceof Uint16Array || offset ? 65536 : 0;
  if (size > 0) {
    const lut = new Uint8ClampedArray(size);
    for (let i = 0; i < size; i++) lut[i] = (i - offset - low) * scale;
    return (v) => lut[v + offset]!;
  }
  const one = new Uint8ClampedArray(1);
  return (v) => {
    one[0] = (v - low) * scale;
    return one[0];
  };
}

/** One page as RGBA: gray for 1 (or 2) channels, the first three channels as RGB otherwise. */
export function renderRgba(r: Raster, page: number, range: DisplayRange): Uint8ClampedArray {
  const data = pageView(r, page);
  const pixels = r.width * r.height;
  const out = new Uint8ClampedArray(pixels * 4);
  const window = makeWindower(r, range);
  const stride = r.channels;
  const colour = r.channels >= 3;
  for (let p = 0; p < pixels; p++) {
    const at = p * stride;
    const o = p * 4;
    if (colour) {
      out[o] = window(data[at]!);
      out[o + 1] = window(data[at + 1]!);
      out[o + 2] = window(data[at + 2]!);
    } else {
      const g = window(data[at]!);
      out[o] = g;
      out[o + 1] = g;
      out[o + 2] = g;
    }
    out[o + 3] = 255;
  }
  return out;
}

/**
 * A small preview of page 0, at most `maxSide` pixels on its longer side (never enlarged). Each
 * source pixel is windowed and then averaged into the box it falls in, so fine structure fades
 * to its mean brightness instead of aliasing.
 */
export function makeThumbnail(
  r: Raster,
  range: DisplayRange,
  maxSide = 128,
): { width: number; height: number; rgba: Uint8Array } {
  const scale = Math.min(1, maxSide / Math.max(r.width, r.height));
  const width = Math.max(1, Math.round(r.width * scale));
  const height = Math.max(1, Math.round(r.height * scale));
  const sums = new Float64Array(width * height * 3);
  const counts = new Uint32Array(width * height);
  const column = new Int32Array(r.width);
  for (let x = 0; x < r.width; x++) column[x] = Math.floor((x * width) / r.width);

  const data = pageView(r, 0);
  const window = makeWindower(r, range);
  const stride = r.channels;
  const colour = r.channels >= 3;
  for (let y = 0; y < r.height; y++) {
    const rowBox = Math.floor((y * height) / r.height) * width;
    for (let x = 0; x < r.width; x++) {
      const at = (y * r.width + x) * stride;
      const box = rowBox + column[x]!;
      const v0 = window(data[at]!);
      sums[box * 3]! += v0;
      sums[box * 3 + 1]! += colour ? window(data[at + 1]!) : v0;
      sums[box * 3 + 2]! += colour ? window(data[at + 2]!) : v0;
      counts[box]!++;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let b = 0; b < width * height; b++) {
    const n = counts[b] || 1;
    rgba[b * 4] = Math.round(sums[b * 3]! / n);
    rgba[b * 4 + 1] = Math.round(sums[b * 3 + 1]! / n);
    rgba[b * 4 + 2] = Math.round(sums[b * 3 + 2]! / n);
    rgba[b * 4 + 3] = 255;
  }
  return { width, height, rgba };
}
