// Filling regions: the connected region under a click (flood fill) and the inside of a polygon
// or lasso (scanline, even-odd). Both paint whole row runs, so a large fill costs one pass over
// the pixels it changes.
import type { ImagePoint, RunPainter } from './brush';
import type { PixelRect } from './pixel-rect';

/** A painter that can also read the map it paints (flood fill must see region boundaries). */
export interface FillTarget extends RunPainter {
  readonly map: Uint8Array;
  readonly width: number;
  readonly value: number;
}

/**
 * Fills the 4-connected region of pixels that hold the same label as `seed`, never leaving
 * `bounds` (the caller passes the visible part of the image: an outline left open cannot flood
 * what the person does not see). 4-connected, so a one-pixel outline drawn on a diagonal, whose
 * pixels touch only at corners, still closes the region. Returns the number of pixels filled.
 */
export function floodFill(target: FillTarget, seed: ImagePoint, bounds: PixelRect): number {
  const { map, width, value } = target;
  const left = bounds.x;
  const right = bounds.x + bounds.width - 1;
  const top = bounds.y;
  const bottom = bounds.y + bounds.height - 1;
  const sx = Math.floor(seed.x);
  const sy = Math.floor(seed.y);
  if (sx < left || sx > right || sy < top || sy > bottom) return 0;
  const region = map[sy * width + sx] as number;
  // Painted pixels then hold `value`, not `region`: that is what marks them as visited.
  if (region === value) return 0;

  let filled = 0;
  const stack: number[] = [sx, sy];
  while (stack.length > 0) {
    const y = stack.pop() as number;
    const x = stack.pop() as number;
    const row = y * width;
    if (map[row + x] !== region) continue;
    let x0 = x;
    while (x0 > left && map[row + x0 - 1] === region) x0--;
    let x1 = x;
    while (x1 < right && map[row + x1 + 1] === region) x1++;
    target.paintRun(y, x0, x1);
    filled += x1 - x0 + 1;
    // Seed the rows above and below once per run of region pixels touching this span.
    for (const ny of [y - 1, y + 1]) {
      if (ny < top || ny > bottom) continue;
      const nrow = ny * width;
      let inRun = false;
      for (let nx = x0; nx <= x1; nx++) {
        const inside = map[nrow + nx] === region;
        if (inside && !inRun) stack.push(nx, ny);
        inRun = inside;
      }
    }
  }
  return filled;
}

/**
 * Fills a closed polygon (the last point joins the first) by the even-odd rule: a pixel is in
 * when its centre is. Self-crossing lassos therefore leave the doubly-enclosed parts empty, as
 * every drawing program does.
 */
export function fillPolygon(
  painter: RunPainter,
  points: readonly ImagePoint[],
  width: number,
  height: number,
): void {
  if (points.length < 3) return;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  const firstRow = Math.max(0, Math.floor(minY));
  const lastRow = Math.min(height - 1, Math.ceil(maxY));
  const crossings: number[] = [];
  for (let y = firstRow; y <= lastRow; y++) {
    const centre = y + 0.5;
    crossings.length = 0;
    for (let i = 0; i < points.length; i++) {
      const p = points[i] as ImagePoint;
      const q = points[(i + 1) % points.length] as ImagePoint;
      // Half-open in y, so a vertex on the row is counted once, not twice.
      if (p.y <= centre === q.y <= centre) continue;
      crossings.push(p.x + ((centre - p.y) * (q.x - p.x)) / (q.y - p.y));
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      // Centres in [enter, leave): x + 0.5 >= enter and x + 0.5 < leave.
      const x0 = Math.max(0, Math.ceil((crossings[k] as number) - 0.5));
      const x1 = Math.min(width - 1, Math.ceil((crossings[k + 1] as number) - 0.5) - 1);
      if (x0 <= x1) painter.paintRun(y, x0, x1);
    }
  }
}
