// Maps raw samples to 8-bit RGBA through a linear display window [low, high]: low and below are
// black, high and above are white. Integer images of up to 16 bits go through a lookup table so
// a slider drag can redraw a large image every frame.
import type { DisplayRange } from '../../../src-preload/contract';
import type { PixelArray } from './pixels';

/** One raw value through the window, rounded to the nearest 8-bit level; NaN maps to black. */
export function windowValue(value: number, low: number, high: number): number {
  if (!(value > low)) return 0;
  if (value >= high) return 255;
  return Math.round(((value - low) * 255) / (high - low));
}

/** A table for every value of a 16-bit or 8-bit integer type, indexed by value - offset. */
function buildLut(size: number, offset: number, range: DisplayRange): Uint8Array {
  const lut = new Uint8Array(size);
  for (let i = 0; i < size; i++) lut[i] = windowValue(i + offset, range.low, range.high);
  return lut;
}

function lutFor(
  samples: PixelArray,
  range: DisplayRange,
): { lut: Uint8Array; offset: number } | null {
  if (samples instanceof Uint8Array) return { lut: buildLut(256, 0, range), offset: 0 };
  if (samples instanceof Uint16Array) return { lut: buildLut(65536, 0, range), offset: 0 };
  if (samples instanceof Int16Array) return { lut: buildLut(65536, -32768, range), offset: -32768 };
  return null;
}

export interface RenderSource {
  width: number;
  height: number;
  channels: number;
  samples: PixelArray;
}

/**
 * RGBA bytes for a canvas. One or two channels show channel 0 as gray (two is gray + alpha);
 * three or more show channels 0..2 as red, green, blue. The image's own alpha is ignored: a
 * microscopy image is never meant to be see-through.
 */
export function renderRgba(
  source: RenderSource,
  range: DisplayRange,
  out: Uint8ClampedArray<ArrayBuffer> = new Uint8ClampedArray(source.width * source.height * 4),
): Uint8ClampedArray<ArrayBuffer> {
  const { samples, channels } = source;
  const pixelCount = source.width * source.height;
  if (out.length !== pixelCount * 4) throw new RangeError('Output size does not match the image.');
  const table = lutFor(samples, range);
  const map = table
    ? (v: number) => table.lut[v - table.offset] as number
    : (v: number) => windowValue(v, range.low, range.high);
  const colour = channels >= 3;
  for (let p = 0, s = 0, o = 0; p < pixelCount; p++, s += channels, o += 4) {
    const first = map(samples[s] as number);
    out[o] = first;
    out[o + 1] = colour ? map(samples[s + 1] as number) : first;
    out[o + 2] = colour ? map(samples[s + 2] as number) : first;
    out[o + 3] = 255;
  }
  return out;
}

/** Keeps a window edited by a person valid: low strictly below high, by at least one step. */
export function clampWindow(
  edited: DisplayRange,
  changed: 'low' | 'high',
  step: number,
): DisplayRange {
  if (edited.high - edited.low >= step) return edited;
  return changed === 'low'
    ? { low: edited.high - step, high: edited.high }
    : { low: edited.low, high: edited.low + step };
}
