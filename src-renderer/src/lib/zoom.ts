// The maths of zoom and pan. A view maps image pixels to screen pixels:
//   screen = image * scale + (x, y)
// Kept apart from Konva so it can be tested exactly.

export interface ViewTransform {
  scale: number;
  x: number;
  y: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export const MIN_SCALE = 1 / 64;
export const MAX_SCALE = 64;

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** Scales by `factor` so that the image point under `point` (screen) stays under it. */
export function zoomAround(view: ViewTransform, point: Point, factor: number): ViewTransform {
  const scale = clampScale(view.scale * factor);
  const ratio = scale / view.scale;
  return {
    scale,
    x: point.x - (point.x - view.x) * ratio,
    y: point.y - (point.y - view.y) * ratio,
  };
}

/** The whole image, as large as fits, centred. */
export function fitView(image: Size, viewport: Size, padding = 0): ViewTransform {
  const availableWidth = Math.max(1, viewport.width - 2 * padding);
  const availableHeight = Math.max(1, viewport.height - 2 * padding);
  const scale = clampScale(Math.min(availableWidth / image.width, availableHeight / image.height));
  // Whole-pixel offsets: at integer scales every image pixel then covers whole screen pixels.
  return {
    scale,
    x: Math.round((viewport.width - image.width * scale) / 2),
    y: Math.round((viewport.height - image.height * scale) / 2),
  };
}

/** One image pixel per screen pixel, keeping the image point at the viewport centre in place. */
export function actualSize(view: ViewTransform, viewport: Size): ViewTransform {
  const centre = { x: viewport.width / 2, y: viewport.height / 2 };
  const zoomed = zoomAround(view, centre, 1 / view.scale);
  // Whole-pixel offsets keep every image pixel on exactly one screen pixel.
  return { scale: 1, x: Math.round(zoomed.x), y: Math.round(zoomed.y) };
}

/** The image pixel (column, row) under a screen point; may lie outside the image. */
export function screenToImage(view: ViewTransform, point: Point): Point {
  return {
    x: Math.floor((point.x - view.x) / view.scale),
    y: Math.floor((point.y - view.y) / view.scale),
  };
}

/**
 * Zoom factor for one wheel event. Mouse wheels send about 100 per notch, trackpads small
 * deltas; an exponential keeps both smooth, and one notch zooms by about 1.22.
 */
export function wheelZoomFactor(deltaY: number, deltaMode = 0): number {
  const pixels = deltaMode === 1 ? deltaY * 33 : deltaMode === 2 ? deltaY * 400 : deltaY;
  const clamped = Math.max(-300, Math.min(300, pixels));
  return Math.exp(-clamped * 0.002);
}
