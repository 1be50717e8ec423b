import { describe, expect, it } from 'vitest';
import {
  computeDisplayRange,
  makeThumbnail,
  renderRgba,
  toSingleChannelIfGray,
} from '../../../src-main/imaging/display';
import type { Raster, RasterData } from '../../../src-main/imaging/raster';

function gray(
  data: RasterData,
  width: number,
  height: number,
  extra: Partial<Raster> = {},
): Raster {
  const bitDepth = (data.BYTES_PER_ELEMENT * 8) as Raster['bitDepth'];
  const sampleFormat =
    data instanceof Float32Array
      ? 'float'
      : data instanceof Int16Array || data instanceof Int32Array
        ? 'int'
        : 'uint';
  return { width, height, channels: 1, pages: 1, bitDepth, sampleFormat, data, ...extra };
}

/** 0..999 once each, in a scrambled order. */
const thousand = new Uint16Array(1000).map((_, i) => (i * 7919) % 1000);

describe('computeDisplayRange', () => {
  it('puts a 16-bit image sitting in 1000..3000 inside that range, not 0..65535', () => {
    const data = new Uint16Array(256 * 256).map((_, i) => 1000 + (((i * 2654435761) >>> 0) % 2001));
    const range = computeDisplayRange(gray(data, 256, 256));
    expect(range.low).toBeGreaterThanOrEqual(1000);
    expect(range.high).toBeLessThanOrEqual(3000);
    expect(range.low).toBeLessThan(1030);
    expect(range.high).toBeGreaterThan(2970);
  });

  it('takes exact percentiles of integer data', () => {
    expect(computeDisplayRange(gray(thousand, 100, 10))).toEqual({ low: 4, high: 995 });
    expect(computeDisplayRange(gray(thousand, 100, 10), { low: 10, high: 90 })).toEqual({
      low: 99,
      high: 900,
    });
    expect(computeDisplayRange(gray(thousand, 100, 10), { low: 0, high: 100 })).toEqual({
      low: 0,
      high: 999,
    });
  });

  it('handles negative 16-bit values', () => {
    const data = new Int16Array(thousand).map((v) => v - 2000);
    expect(computeDisplayRange(gray(data, 100, 10))).toEqual({ low: -1996, high: -1005 });
  });

  it('brackets the percentiles of float data and ignores NaN', () => {
    const data = new Float32Array(1001).map((_, i) => (i === 500 ? NaN : ((i * 7919) % 1001) / 10));
    const range = computeDisplayRange(gray(data, 1001, 1));
    expect(range.low).toBeGreaterThanOrEqual(0);
    expect(range.low).toBeLessThanOrEqual(0.5);
    expect(range.high).toBeGreaterThanOrEqual(99.5);
    expect(range.high).toBeLessThanOrEqual(100);
  });

  it('ignores infinities: one saturated pixel does not shrink the window to one unit', () => {
    // Before the fix an Inf made the window min..min+1, so the image showed almost all white.
    const data = new Float32Array(1000).map((_, i) => i / 10);
    data[10] = Infinity;
    data[20] = -Infinity;
    const range = computeDisplayRange(gray(data, 100, 10), { low: 0, high: 100 });
    expect(range).toEqual({ low: 0, high: Math.fround(99.9) });
  });

  it('widens a flat image by one so high > low', () => {
    expect(computeDisplayRange(gray(new Uint8Array(64).fill(17), 8, 8))).toEqual({
      low: 17,
      high: 18,
    });
    expect(computeDisplayRange(gray(new Float32Array(4).fill(0.25), 2, 2))).toEqual({
      low: 0.25,
      high: 1.25,
    });
    expect(computeDisplayRange(gray(new Float32Array(4).fill(NaN), 2, 2))).toEqual({
      low: 0,
      high: 1,
    });
  });

  it('falls back to min..max when the percentiles meet (a sparse label image)', () => {
    const labels = new Uint16Array(10_000);
    labels[5] = 7;
    labels[6] = 300;
    expect(computeDisplayRange(gray(labels, 100, 100))).toEqual({ low: 0, high: 300 });
  });

  it('uses the colour channels of RGBA, never alpha', () => {
    const rgba = new Uint8Array(4 * 100);
    for (let p = 0; p < 100; p++) rgba.set([p, p + 50, p + 100, 255], p * 4);
    const r: Raster = { ...gray(rgba, 10, 10), channels: 4 };
    const range = computeDisplayRange(r, { low: 0, high: 100 });
    expect(range).toEqual({ low: 0, high: 199 });
  });

  it('reads the requested page of a stack', () => {
    const data = new Uint8Array(200);
    data.fill(10, 0, 100);
    data.fill(200, 100, 200);
    data[150] = 250;
    const stack = gray(data, 10, 10, { pages: 2 });
    expect(computeDisplayRange(stack, { low: 0, high: 100 }, 1)).toEqual({ low: 200, high: 250 });
  });

  it('stays exact when a 4096 x 4096 16-bit image is sampled', () => {
    const side = 4096 + 64; // just over the sampling threshold
    const data = new Uint16Array(side * side).map((_, i) => 5000 + (i % 1000));
    const range = computeDisplayRange(gray(data, side, side));
    expect(range.low).toBeGreaterThanOrEqual(5000);
    expect(range.low).toBeLessThan(5010);
    expect(range.high).toBeGreaterThan(5990);
    expect(range.high).toBeLessThanOrEqual(5999);
  });
});

describe('renderRgba', () => {
  it('maps low to 0 and high to 255, clamping outside, for 16-bit gray', () => {
    const data = new Uint16Array([1000, 3000, 2000, 500, 60000, 1500]);
    const rgba = renderRgba(gray(data, 3, 2), 0, { low: 1000, high: 3000 });
    const grayOut = Array.from({ length: 6 }, (_, p) => rgba[p * 4]);
    expect(grayOut).toEqual([0, 255, 128, 0, 255, 64]);
    for (let p = 0; p < 6; p++) {
      expect(rgba[p * 4 + 1]).toBe(rgba[p * 4]);
      expect(rgba[p * 4 + 2]).toBe(rgba[p * 4]);
      expect(rgba[p * 4 + 3]).toBe(255);
    }
  });

  it('windows float and signed data the same way, NaN as black', () => {
    const f = renderRgba(gray(new Float32Array([-1, 1, 0, NaN]), 4, 1), 0, { low: -1, high: 1 });
    expect([f[0], f[4], f[8], f[12]]).toEqual([0, 255, 128, 0]);
    const s = renderRgba(gray(new Int16Array([-300, 300, 0, -32768]), 4, 1), 0, {
      low: -300,
      high: 300,
    });
    expect([s[0], s[4], s[8], s[12]]).toEqual([0, 255, 128, 0]);
  });

  it('draws RGB channels as colour with opaque alpha, ignoring stored alpha', () => {
    const r: Raster = {
      ...gray(new Uint8Array([10, 20, 30, 0, 40, 50, 60, 0]), 2, 1),
      channels: 4,
    };
    expect(Array.from(renderRgba(r, 0, { low: 0, high: 255 }))).toEqual([
      10, 20, 30, 255, 40, 50, 60, 255,
    ]);
  });

  it('draws the requested page', () => {
    const stack = gray(new Uint8Array([0, 0, 255, 255]), 2, 1, { pages: 2 });
    expect(Array.from(renderRgba(stack, 1, { low: 0, high: 255 }))).toEqual([
      255, 255, 255, 255, 255, 255, 255, 255,
    ]);
  });
});

describe('makeThumbnail', () => {
  it('fits the longer side to 128 and keeps the aspect ratio', () => {
    const t = makeThumbnail(gray(new Uint8Array(512 * 256), 512, 256), { low: 0, high: 255 });
    expect([t.width, t.height, t.rgba.length]).toEqual([128, 64, 128 * 64 * 4]);
  });

  it('averages areas: a fine checkerboard becomes mid-gray, not aliased stripes', () => {
    const data = new Uint8Array(256 * 256).map((_, i) => (((i % 256) + (i >> 8)) % 2 ? 255 : 0));
    const t = makeThumbnail(gray(data, 256, 256), { low: 0, high: 255 }, 64);
    for (let p = 0; p < 64 * 64; p++) expect(t.rgba[p * 4]).toBe(128);
  });

  it('keeps each region’s brightness through the window', () => {
    const data = new Uint16Array(200 * 100).map((_, i) => (i % 200 < 100 ? 1000 : 3000));
    const t = makeThumbnail(gray(data, 200, 100), { low: 1000, high: 3000 }, 20);
    expect([t.width, t.height]).toEqual([20, 10]);
    expect(t.rgba[0]).toBe(0);
    expect(t.rgba[(20 - 1) * 4]).toBe(255);
    expect(t.rgba[3]).toBe(255);
  });

  it('never enlarges a small image and always uses page 0', () => {
    const stack = gray(new Uint8Array([0, 255, 9, 9]), 2, 1, { pages: 2 });
    const t = makeThumbnail(stack, { low: 0, high: 255 });
    expect([t.width, t.height]).toEqual([2, 1]);
    expect(Array.from(t.rgba)).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
  });
});

describe('toSingleChannelIfGray', () => {
  it('keeps one channel when R = G = B everywhere, ignoring alpha', () => {
    const rgba = new Uint8Array([5, 5, 5, 255, 9, 9, 9, 0, 200, 200, 200, 255]);
    const r: Raster = { ...gray(rgba, 3, 1), channels: 4 };
    const g = toSingleChannelIfGray(r);
    expect(g.channels).toBe(1);
    expect(Array.from(g.data)).toEqual([5, 9, 200]);
    expect(g.data).toBeInstanceOf(Uint8Array);
  });

  it('checks every page and keeps the sample type', () => {
    const rgb = new Uint16Array([1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]);
    const g = toSingleChannelIfGray({ ...gray(rgb, 2, 1, { pages: 2 }), channels: 3 });
    expect(g.channels).toBe(1);
    expect(g.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(g.data)).toEqual([1, 2, 3, 4]);
  });

  it('returns a colour image unchanged, even if only one pixel differs', () => {
    const rgb = new Uint8Array([1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5]);
    const r: Raster = { ...gray(rgb, 2, 1, { pages: 2 }), channels: 3 };
    expect(toSingleChannelIfGray(r)).toBe(r);
  });

  it('returns a gray image unchanged', () => {
    const r = gray(new Uint8Array(4), 2, 2);
    expect(toSingleChannelIfGray(r)).toBe(r);
  });
});
