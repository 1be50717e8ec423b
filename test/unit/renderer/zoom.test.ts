import { describe, expect, it } from 'vitest';
import {
  MAX_SCALE,
  MIN_SCALE,
  actualSize,
  fitView,
  screenToImage,
  wheelZoomFactor,
  zoomAround,
} from '../../../src-renderer/src/lib/zoom';

describe('zoomAround', () => {
  it('keeps the image point under the cursor in place', () => {
    const view = { scale: 1, x: 0, y: 0 };
    expect(zoomAround(view, { x: 100, y: 50 }, 2)).toEqual({ scale: 2, x: -100, y: -50 });
    const panned = { scale: 2, x: 10, y: 20 };
    const zoomed = zoomAround(panned, { x: 110, y: 60 }, 0.5);
    expect(zoomed).toEqual({ scale: 1, x: 60, y: 40 });
    // The pixel under the cursor before and after: (110 - 10) / 2 = 50 and (110 - 60) / 1 = 50.
    expect(screenToImage(panned, { x: 110, y: 60 })).toEqual(
      screenToImage(zoomed, { x: 110, y: 60 }),
    );
  });

  it('clamps the scale and moves only as far as the clamped scale', () => {
    const view = { scale: 32, x: 0, y: 0 };
    expect(zoomAround(view, { x: 64, y: 0 }, 4)).toEqual({ scale: MAX_SCALE, x: -64, y: 0 });
    expect(zoomAround({ scale: MIN_SCALE, x: 5, y: 5 }, { x: 0, y: 0 }, 0.5)).toEqual({
      scale: MIN_SCALE,
      x: 5,
      y: 5,
    });
  });
});

describe('fitView', () => {
  it('fits the limiting side and centres the other', () => {
    expect(fitView({ width: 512, height: 512 }, { width: 1024, height: 768 })).toEqual({
      scale: 1.5,
      x: 128,
      y: 0,
    });
    expect(fitView({ width: 696, height: 520 }, { width: 400, height: 400 }, 10)).toEqual({
      scale: 380 / 696,
      x: 10,
      y: 58, // (400 - 520 * 380 / 696) / 2 = 58.05, rounded to a whole pixel
    });
  });
});

describe('actualSize', () => {
  it('shows one image pixel per screen pixel around the viewport centre, on whole pixels', () => {
    // At scale 2 with offset (0, 0), the viewport centre (200, 150) shows image point (100, 75).
    const view = actualSize({ scale: 2, x: 0, y: 0 }, { width: 400, height: 300 });
    expect(view).toEqual({ scale: 1, x: 100, y: 75 });
    expect(screenToImage(view, { x: 200, y: 150 })).toEqual({ x: 100, y: 75 });
    expect(actualSize({ scale: 3, x: 0, y: 0 }, { width: 401, height: 301 })).toEqual({
      scale: 1,
      x: 134,
      y: 100,
    });
  });
});

describe('screenToImage', () => {
  it('floors to the pixel that contains the point, including left of the image', () => {
    const view = { scale: 4, x: 10, y: 10 };
    expect(screenToImage(view, { x: 10, y: 13.9 })).toEqual({ x: 0, y: 0 });
    expect(screenToImage(view, { x: 14, y: 18 })).toEqual({ x: 1, y: 2 });
    expect(screenToImage(view, { x: 9, y: 10 })).toEqual({ x: -1, y: 0 });
  });
});

describe('wheelZoomFactor', () => {
  it('zooms in on wheel up, out on wheel down, symmetrically, and caps huge deltas', () => {
    expect(wheelZoomFactor(-100)).toBeCloseTo(Math.exp(0.2), 12);
    expect(wheelZoomFactor(100) * wheelZoomFactor(-100)).toBeCloseTo(1, 12);
    expect(wheelZoomFactor(-3, 1)).toBeCloseTo(Math.exp(0.198), 12);
    expect(wheelZoomFactor(-10_000)).toBe(wheelZoomFactor(-300));
  });
});
