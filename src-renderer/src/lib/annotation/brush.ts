// Round brush and eraser. A stroke is rasterised as capsules between successive pointer
// positions (every pixel whose centre lies within size/2 of the segment), so a fast stroke,
// where the pointer jumps many pixels between two events, leaves no gaps.
//
// Coordinates are continuous image coordinates: pixel (x, y) covers [x, x+1) x [y, y+1) and its
// centre is (x + 0.5, y + 0.5).

export interface ImagePoint {
  x: number;
  y: number;
}

/** Anything that paints runs of one row (a LabelPainter, or a test's pixel set). */
export interface RunPainter {
  paintRun(y: number, x0: number, x1: number): void;
}

export const MIN_BRUSH_SIZE = 1;
export const MAX_BRUSH_SIZE = 200;

/**
 * Where a brush of `size` pixels sits for a pointer at `point`: odd sizes on the centre of the
 * pixel under the pointer, even sizes on the nearest pixel corner. Either way the stamp is
 * symmetric, and size 1 always paints exactly the pixel under the pointer.
 */
export function brushCentre(point: ImagePoint, size: number): ImagePoint {
  if (size % 2 === 1) return { x: Math.floor(point.x) + 0.5, y: Math.floor(point.y) + 0.5 };
  return { x: Math.round(point.x), y: Math.round(point.y) };
}

type Interval = [number, number] | null;

function intersect(a: Interval, b: Interval): Interval {
  if (!a || !b) return null;
  const lo = Math.max(a[0], b[0]);
  const hi = Math.min(a[1], b[1]);
  return lo <= hi ? [lo, hi] : null;
}

/** x with lo <= (x - origin) * slope <= hi; all x when slope is 0 and 0 lies in [lo, hi]. */
function solveLinear(origin: number, slope: number, lo: number, hi: number): Interval {
  if (slope === 0) return lo <= 0 && 0 <= hi ? [-Infinity, Infinity] : null;
  const a = origin + lo / slope;
  const b = origin + hi / slope;
  return a <= b ? [a, b] : [b, a];
}

function diskSpan(centre: ImagePoint, radius: number, rowCentre: number): Interval {
  const dy = rowCentre - centre.y;
  const left = radius * radius - dy * dy;
  if (left < 0) return null;
  const half = Math.sqrt(left);
  return [centre.x - half, centre.x + half];
}

/** The part of the row at height `rowCentre` within `radius` of the straight part of a..b. */
function bandSpan(a: ImagePoint, b: ImagePoint, radius: number, rowCentre: number): Interval {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const squaredLength = dx * dx + dy * dy;
  if (squaredLength === 0) return null;
  const length = Math.sqrt(squaredLength);
  const up = rowCentre - a.y;
  // Projection onto the segment between its ends: 0 <= (p - a) . d <= |d|^2.
  const along = solveLinear(a.x, dx, -up * dy, squaredLength - up * dy);
  // Distance from the line at most the radius: |(p - a) x d| <= radius |d|.
  const across = solveLinear(a.x, dy, up * dx - radius * length, up * dx + radius * length);
  return intersect(along, across);
}

/**
 * Paints the capsule of width `size` from `from` to `to` (pointer positions; each is snapped
 * with brushCentre). With from == to it is one round stamp.
 */
export function paintCapsule(
  painter: RunPainter,
  from: ImagePoint,
  to: ImagePoint,
  size: number,
): void {
  const a = brushCentre(from, size);
  const b = brushCentre(to, size);
  const radius = size / 2;
  const top = Math.ceil(Math.min(a.y, b.y) - radius - 0.5);
  const bottom = Math.floor(Math.max(a.y, b.y) + radius - 0.5);
  for (let y = top; y <= bottom; y++) {
    const rowCentre = y + 0.5;
    // The capsule is convex, so its three parts meet each row in one interval.
    let lo = Infinity;
    let hi = -Infinity;
    for (const span of [
      diskSpan(a, radius, rowCentre),
      diskSpan(b, radius, rowCentre),
      bandSpan(a, b, radius, rowCentre),
    ]) {
      if (!span) continue;
      lo = Math.min(lo, span[0]);
      hi = Math.max(hi, span[1]);
    }
    if (lo > hi) continue;
    // Pixel x is in when its centre x + 0.5 lies in [lo, hi].
    const x0 = Math.ceil(lo - 0.5);
    const x1 = Math.floor(hi - 0.5);
    if (x0 <= x1) painter.paintRun(y, x0, x1);
  }
}

/**
 * The next size for `[` (down) and `]` (up): steps of 1 while the brush is small, then about
 * 20%, so that a few presses go from a one-pixel membrane brush to a broad background brush.
 */
export function stepBrushSize(size: number, direction: 1 | -1): number {
  // Down by a sixth undoes up by a fifth, so `]` then `[` comes back to the same size.
  const next =
    direction > 0
      ? size + Math.max(1, Math.round(size / 5))
      : size - Math.max(1, Math.round(size / 6));
  return Math.min(MAX_BRUSH_SIZE, Math.max(MIN_BRUSH_SIZE, next));
}
