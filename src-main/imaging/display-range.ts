// Which sample values map to black and white on screen. Microscopy images rarely use their full
// type range (a 16-bit camera image may sit in 1000..3000), so the window comes from percentiles
// of the data, computed exactly from a histogram for 8/16-bit data and from a fine histogram
// between min and max for 32-bit data.
import { pageView, type Raster, type RasterData } from './raster';

export interface DisplayRange {
  low: number;
  high: number;
}

export const DEFAULT_PERCENTILES = { low: 0.5, high: 99.5 } as const;

/** Above this many samples the histogram reads an evenly spread subset (still millions). */
const MAX_SAMPLES = 1 << 24;
const FLOAT_BINS = 1 << 16;

/** Channel 0 of gray images; the three colour channels of RGB(A), never alpha. */
function colourChannels(r: Raster): number {
  return r.channels >= 3 ? 3 : 1;
}

interface Sampling {
  data: RasterData;
  stride: number; // samples between pixels
  channels: number;
  step: number; // pixels between samples read
  pixels: number;
}

function sampling(r: Raster, page: number): Sampling {
  const pixels = r.width * r.height;
  const channels = colourChannels(r);
  let step = Math.max(1, Math.ceil((pixels * channels) / MAX_SAMPLES));
  // An odd step that does not divide the width avoids reading the same columns on every row.
  if (step > 1 && step % 2 === 0) step++;
  while (step > 1 && r.width % step === 0) step += 2;
  return { data: pageView(r, page), stride: r.channels, channels, step, pixels };
}

/** Value at the given rank (0-based) of the sorted samples, from an integer histogram. */
function valueAtRank(histogram: Uint32Array, rank: number, offset: number): number {
  let seen = 0;
  for (let v = 0; v < histogram.length; v++) {
    seen += histogram[v]!;
    if (seen > rank) return v - offset;
  }
  return histogram.length - 1 - offset;
}

function integerRange(s: Sampling, bins: number, offset: number, p: DisplayRange): Range3 {
  const histogram = new Uint32Array(bins);
  let n = 0;
  for (let px = 0; px < s.pixels; px += s.step) {
    for (let c = 0; c < s.channels; c++) histogram[s.data[px * s.stride + c]! + offset]!++;
    n += s.channels;
  }
  return {
    low: valueAtRank(histogram, Math.floor((p.low / 100) * (n - 1)), offset),
    high: valueAtRank(histogram, Math.ceil((p.high / 100) * (n - 1)), offset),
    min: valueAtRank(histogram, 0, offset),
    max: valueAtRank(histogram, n - 1, offset),
  };
}

interface Range3 extends DisplayRange {
  min: number;
  max: number;
}

function floatRange(s: Sampling, p: DisplayRange): Range3 {
  let min = Infinity;
  let max = -Infinity;
  for (let px = 0; px < s.pixels; px += s.step) {
    for (let c = 0; c < s.channels; c++) {
      const v = s.data[px * s.stride + c]!;
      // NaN and infinities (masked or saturated pixels) have no brightness to fit a window to;
      // counting one infinity used to shrink the window to one unit above the minimum.
      if (!Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (min > max) {
    // No finite samples at all: fall back to a unit window from 0.
    return { low: 0, high: 0, min: 0, max: 0 };
  }
  if (min === max) return { low: min, high: max, min, max };
  const width = (max - min) / FLOAT_BINS;
  const histogram = new Uint32Array(FLOAT_BINS);
  let n = 0;
  for (let px = 0; px < s.pixels; px += s.step) {
    for (let c = 0; c < s.channels; c++) {
      const v = s.data[px * s.stride + c]!;
      if (!(v >= min && v <= max)) continue;
      histogram[Math.min(FLOAT_BINS - 1, Math.floor((v - min) / width))]!++;
      n++;
    }
  }
  // The low end takes its bin's lower edge and the high end its bin's upper edge, so the window
  // never cuts off the requested percentiles.
  const lowBin = valueAtRank(histogram, Math.floor((p.low / 100) * (n - 1)), 0);
  const highBin = valueAtRank(histogram, Math.ceil((p.high / 100) * (n - 1)), 0);
  return {
    low: Math.max(min, min + lowBin * width),
    high: Math.min(max, min + (highBin + 1) * width),
    min,
    max,
  };
}

/**
 * The window between two percentiles (default 0.5 and 99.5) of one page. Always high > low:
 * when the percentiles meet (e.g. a sparse label image) the data's min and max are used, and a
 * flat image gets a window one unit wide.
 */
export function computeDisplayRange(
  r: Raster,
  percentiles: DisplayRange = DEFAULT_PERCENTILES,
  page = 0,
): DisplayRange {
  const p = {
    low: Math.min(100, Math.max(0, percentiles.low)),
    high: Math.min(100, Math.max(0, percentiles.high)),
  };
  const s = sampling(r, page);
  let range: Range3;
  if (r.data instanceof Uint8Array) range = integerRange(s, 256, 0, p);
  else if (r.data instanceof Uint16Array) range = integerRange(s, 65536, 0, p);
  else if (r.data instanceof Int16Array) range = integerRange(s, 65536, 32768, p);
  else range = floatRange(s, p);

  let { low, high } = range;
  if (!(high > low)) {
    low = range.min;
    high = range.max;
  }
  if (!(high > low)) high = low + 1;
  return { low, high };
}
