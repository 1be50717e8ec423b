// Rectangles of image pixels: what changed, what to redraw, which part of the image is visible.
// Half-open: a rect covers columns x .. x + width - 1 and rows y .. y + height - 1.

export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The smallest rect holding both; either may be null (nothing). */
export function unionRects(a: PixelRect | null, b: PixelRect | null): PixelRect | null {
  if (!a) return b;
  if (!b) return a;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  const right = Math.max(a.x + a.width, b.x + b.width);
  const bottom = Math.max(a.y + a.height, b.y + b.height);
  return { x, y, width: right - x, height: bottom - y };
}

/** The pixels both rects cover, or null when they do not overlap. */
export function intersectRects(a: PixelRect, b: PixelRect): PixelRect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

/** The part of `rect` inside a width x height image, or null when nothing is left. */
export function clipRect(rect: PixelRect, width: number, height: number): PixelRect | null {
  const x = Math.max(0, rect.x);
  const y = Math.max(0, rect.y);
  const right = Math.min(width, rect.x + rect.width);
  const bottom = Math.min(height, rect.y + rect.height);
  if (right <= x || bottom <= y) return null;
  return { x, y, width: right - x, height: bottom - y };
}

/**
 * Grows to hold pixels as they are painted. Kept as four numbers rather than a rect so that
 * adding a pixel run costs four comparisons, not an allocation.
 */
export class PixelBounds {
  private minX = Infinity;
  private minY = Infinity;
  private maxX = -Infinity;
  private maxY = -Infinity;

  addRun(y: number, x0: number, x1: number): void {
    if (x0 < this.minX) this.minX = x0;
    if (x1 > this.maxX) this.maxX = x1;
    if (y < this.minY) this.minY = y;
    if (y > this.maxY) this.maxY = y;
  }

  get empty(): boolean {
    return this.maxX < this.minX;
  }

  toRect(): PixelRect | null {
    if (this.empty) return null;
    return {
      x: this.minX,
      y: this.minY,
      width: this.maxX - this.minX + 1,
      height: this.maxY - this.minY + 1,
    };
  }

  reset(): void {
    this.minX = this.minY = Infinity;
    this.maxX = this.maxY = -Infinity;
  }
}

/**
 * The image pixels a view shows, clipped to the image (scale and offset as in lib/zoom: screen =
 * image * scale + offset). Null when the image is scrolled out of sight.
 */
export function visibleImageRect(
  view: { scale: number; x: number; y: number },
  viewport: { width: number; height: number },
  image: { width: number; height: number },
): PixelRect | null {
  const left = Math.floor(-view.x / view.scale);
  const top = Math.floor(-view.y / view.scale);
  const right = Math.ceil((viewport.width - view.x) / view.scale);
  const bottom = Math.ceil((viewport.height - view.y) / view.scale);
  return clipRect(
    { x: left, y: top, width: right - left, height: bottom - top },
    image.width,
    image.height,
  );
}
