import { describe, expect, it } from 'vitest';
import { clampWindow, renderRgba, windowValue } from '../../../src-renderer/src/lib/display-window';

/** The gray level of every pixel of a one-channel render (R = G = B is checked too). */
function grays(rgba: Uint8ClampedArray): number[] {
  const out: number[] = [];
  for (let i = 0; i < rgba.length; i += 4) {
    expect(rgba[i + 1]).toBe(rgba[i]);
    expect(rgba[i + 2]).toBe(rgba[i]);
    expect(rgba[i + 3]).toBe(255);
    out.push(rgba[i] as number);
  }
  return out;
}

describe('windowValue', () => {
  it('maps the window linearly, rounding to the nearest level and clamping outside', () => {
    expect(windowValue(0, 0, 255)).toBe(0);
    expect(windowValue(128, 0, 255)).toBe(128);
    expect(windowValue(255, 0, 255)).toBe(255);
    expect(windowValue(500, 0, 1000)).toBe(128); // 127.5 rounds up
    expect(windowValue(2, 0, 1000)).toBe(1); // 0.51
    expect(windowValue(1, 0, 1000)).toBe(0); // 0.255
    expect(windowValue(-5, 0, 1000)).toBe(0);
    expect(windowValue(1001, 0, 1000)).toBe(255);
    expect(windowValue(Number.NaN, 0, 1)).toBe(0);
    expect(windowValue(Infinity, 0, 1)).toBe(255);
  });
});

describe('renderRgba', () => {
  it('shows uint8 gray through a window narrower than the type', () => {
    const samples = new Uint8Array([0, 50, 100, 150, 200, 255]);
    const rgba = renderRgba({ width: 3, height: 2, channels: 1, samples }, { low: 50, high: 200 });
    expect(grays(rgba)).toEqual([0, 0, 85, 170, 255, 255]);
  });

  it('shows 16-bit instance labels 0..369 with contrast instead of black', () => {
    // A naive 16 -> 8 bit shift (v >> 8) would make all of these 0 or 1.
    const samples = new Uint16Array([0, 1, 100, 185, 369, 65535]);
    const rgba = renderRgba({ width: 6, height: 1, channels: 1, samples }, { low: 0, high: 369 });
    expect(grays(rgba)).toEqual([0, 1, 69, 128, 255, 255]);
  });

  it('uses the whole 16-bit range when the window says so', () => {
    const samples = new Uint16Array([0, 257, 32896, 65535]);
    const rgba = renderRgba({ width: 4, height: 1, channels: 1, samples }, { low: 0, high: 65535 });
    expect(grays(rgba)).toEqual([0, 1, 128, 255]);
  });

  it('maps signed 16-bit values below zero', () => {
    const samples = new Int16Array([-32768, -100, 0, 100, 32767]);
    const rgba = renderRgba(
      { width: 5, height: 1, channels: 1, samples },
      { low: -100, high: 100 },
    );
    expect(grays(rgba)).toEqual([0, 0, 128, 255, 255]);
  });

  it('maps float32 values, NaN to black and fractional windows exactly', () => {
    const samples = new Float32Array([-1, 0, 0.25, 0.5, 1, 2, Number.NaN, 0.75]);
    const rgba = renderRgba({ width: 4, height: 2, channels: 1, samples }, { low: 0, high: 1 });
    expect(grays(rgba)).toEqual([0, 0, 64, 128, 255, 255, 0, 191]);
  });

  it('draws three channels as RGB and ignores a fourth (alpha)', () => {
    const samples = new Uint8Array([255, 0, 10, 0, 0, 128, 255, 7]);
    const rgba = renderRgba({ width: 2, height: 1, channels: 4, samples }, { low: 0, high: 255 });
    expect(Array.from(rgba)).toEqual([255, 0, 10, 255, 0, 128, 255, 255]);
  });

  it('draws channel 0 of a two-channel image as gray', () => {
    const samples = new Uint16Array([1000, 0, 0, 65535]);
    const rgba = renderRgba({ width: 2, height: 1, channels: 2, samples }, { low: 0, high: 2000 });
    expect(grays(rgba)).toEqual([128, 0]);
  });

  it('writes into a given buffer and rejects one of the wrong size', () => {
    const out = new Uint8ClampedArray(8);
    const samples = new Uint8Array([0, 255]);
    expect(
      renderRgba({ width: 2, height: 1, channels: 1, samples }, { low: 0, high: 255 }, out),
    ).toBe(out);
    expect(() =>
      renderRgba(
        { width: 2, height: 1, channels: 1, samples },
        { low: 0, high: 255 },
        new Uint8ClampedArray(4),
      ),
    ).toThrow(RangeError);
  });
});

describe('clampWindow', () => {
  it('keeps low below high by one step, moving the edge that was not edited', () => {
    expect(clampWindow({ low: 10, high: 20 }, 'low', 1)).toEqual({ low: 10, high: 20 });
    expect(clampWindow({ low: 25, high: 20 }, 'low', 1)).toEqual({ low: 19, high: 20 });
    expect(clampWindow({ low: 10, high: 5 }, 'high', 1)).toEqual({ low: 10, high: 11 });
    expect(clampWindow({ low: 0.5, high: 0.5 }, 'high', 0.25)).toEqual({ low: 0.5, high: 0.75 });
  });
});
