// Validating on the painted pixels of a training page needs the prediction only around them. A
// person often paints a few strokes on a large page, and predicting the whole page every
// `validateEvery` steps would cost more than the training. The crop keeps every pixel that a
// painted pixel's prediction depends on, so the predictions of the painted pixels equal those of
// the whole page.
import { poolAlignment, tileMargin } from '../network/tile-geometry';
import type { UNetConfig } from '../network/unet-config';
import type { LabelledImage } from './training-set';

export interface CropWindow {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The window around the labelled pixels that a prediction needs. An output pixel of a valid
 * U-Net sees its input tile's context (half the tile margin) and, through the max-pool grid, up
 * to one pool alignment more; the window is grown by both, and starts on the pool grid so the
 * overlap-tile prediction of the window tiles exactly as that of the whole page. Undefined
 * when nothing is labelled.
 */
export function labelledWindow(
  labels: Uint8Array,
  width: number,
  height: number,
  config: Pick<UNetConfig, 'depth' | 'padding'>,
): CropWindow | undefined {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (labels[row + x] === 0) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (x1 < 0) return undefined;
  const align = poolAlignment(config);
  const margin = Math.ceil(tileMargin(config) / 2) + align;
  const left = Math.max(0, Math.floor((x0 - margin) / align) * align);
  const top = Math.max(0, Math.floor((y0 - margin) / align) * align);
  const right = Math.min(width, x1 + 1 + margin);
  const bottom = Math.min(height, y1 + 1 + margin);
  return { x: left, y: top, width: right - left, height: bottom - top };
}

function cropPlane<T extends Float32Array | Uint8Array>(
  source: T,
  sourceWidth: number,
  window: CropWindow,
  channels: number,
  make: (length: number) => T,
): T {
  const out = make(window.width * window.height * channels);
  const rowLength = window.width * channels;
  for (let y = 0; y < window.height; y++) {
    const from = ((window.y + y) * sourceWidth + window.x) * channels;
    out.set(source.subarray(from, from + rowLength), y * rowLength);
  }
  return out;
}

/**
 * The image cut to its labelled window, for validation. The image itself when the window is
 * most of it (a copy would buy little) or nothing is labelled.
 */
export function cropToLabelled(
  item: LabelledImage,
  config: Pick<UNetConfig, 'depth' | 'padding'>,
): LabelledImage {
  const { width, height, channels } = item.image;
  const window = labelledWindow(item.labels, width, height, config);
  if (!window || window.width * window.height > 0.8 * width * height) return item;
  return {
    name: item.name,
    image: {
      width: window.width,
      height: window.height,
      channels,
      data: cropPlane(item.image.data, width, window, channels, (n) => new Float32Array(n)),
    },
    labels: cropPlane(item.labels, width, window, 1, (n) => new Uint8Array(n)),
    weights: cropPlane(item.weights, width, window, 1, (n) => new Float32Array(n)),
    objectSizes: item.objectSizes,
  };
}
