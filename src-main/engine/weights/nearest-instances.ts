// d1 and d2 of the paper's Eq. 2: for every pixel, the distance to the nearest and to the
// second-nearest instance. One full-image EDT per instance would cost O(instances x pixels); the
// border term vanishes beyond a cutoff distance, so each instance's EDT runs only in its bounding
// box grown by the cutoff, and the two running minima are updated there.
import { EdtWorkspace, squaredDistanceTransformInPlace } from './distance-transform';
import { compactInstanceIds } from './instance-ids';

/**
 * The distance C beyond which the border term no longer matters: w0 * exp(-C^2 / (2 sigma^2)) =
 * tolerance, rounded up. Capping d1 and d2 at C changes the term by less than `tolerance`: if d2 >= C
 * then both the true term and the capped one are <= w0 * exp(-C^2 / (2 sigma^2)). For the paper's
 * w0 = 10, sigma = 5 and tolerance 1e-3 that is C = 22 px. 0 when the whole term is negligible.
 */
export function borderCutoff(w0: number, sigma: number, tolerance = 1e-3): number {
  if (!(w0 > tolerance) || !(sigma > 0)) return 0;
  return Math.ceil(sigma * Math.sqrt(2 * Math.log(w0 / tolerance)));
}

interface Boxes {
  x0: Int32Array;
  y0: Int32Array;
  x1: Int32Array;
  y1: Int32Array;
}

function boundingBoxes(dense: Int32Array, count: number, width: number, height: number): Boxes {
  const boxes = {
    x0: new Int32Array(count + 1).fill(width),
    y0: new Int32Array(count + 1).fill(height),
    x1: new Int32Array(count + 1).fill(-1),
    y1: new Int32Array(count + 1).fill(-1),
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const id = dense[y * width + x]!;
      if (id === 0) continue;
      if (x < boxes.x0[id]!) boxes.x0[id] = x;
      if (x > boxes.x1[id]!) boxes.x1[id] = x;
      if (y < boxes.y0[id]!) boxes.y0[id] = y;
      if (y > boxes.y1[id]!) boxes.y1[id] = y;
    }
  }
  return boxes;
}

/**
 * Per pixel, the Euclidean distance to the nearest pixel of the nearest instance (d1) and of the
 * second-nearest other instance (d2), each capped at `cutoff` (0 inside an instance for its own
 * distance). Exact below the cutoff: every pixel of an instance lies inside its grown box, so the
 * EDT over the box sees all of them, and a pixel outside the box is more than `cutoff` away.
 */
export function nearestTwoInstanceDistances(
  instances: Int32Array,
  width: number,
  height: number,
  cutoff: number,
): { d1: Float32Array; d2: Float32Array } {
  const n = width * height;
  if (instances.length !== n)
    throw new RangeError(`instances have ${instances.length} pixels, expected ${n}`);
  if (!(cutoff >= 0) || !Number.isFinite(cutoff))
    throw new RangeError(`cutoff must be finite and >= 0, got ${cutoff}`);
  const d1 = new Float32Array(n).fill(cutoff);
  const d2 = new Float32Array(n).fill(cutoff);
  const { dense, count } = compactInstanceIds(instances);
  if (count === 0 || cutoff === 0) return { d1, d2 };

  const boxes = boundingBoxes(dense, count, width, height);
  const grow = Math.ceil(cutoff);
  const maxSide = Math.max(width, height);
  const workspace = new EdtWorkspace(maxSide);
  let grid = new Float64Array(0);
  const cutoffSquared = cutoff * cutoff;

  for (let id = 1; id <= count; id++) {
    const bx0 = Math.max(0, boxes.x0[id]! - grow);
    const by0 = Math.max(0, boxes.y0[id]! - grow);
    const bw = Math.min(width - 1, boxes.x1[id]! + grow) - bx0 + 1;
    const bh = Math.min(height - 1, boxes.y1[id]! + grow) - by0 + 1;
    // Grown only when a bigger box comes along: one allocation per size record, not per instance.
    if (grid.length < bw * bh) grid = new Float64Array(bw * bh);

    for (let y = 0; y < bh; y++) {
      const row = (by0 + y) * width + bx0;
      for (let x = 0; x < bw; x++) grid[y * bw + x] = dense[row + x] === id ? 0 : Infinity;
    }
    squaredDistanceTransformInPlace(grid, bw, bh, workspace);

    for (let y = 0; y < bh; y++) {
      const row = (by0 + y) * width + bx0;
      for (let x = 0; x < bw; x++) {
        const squared = grid[y * bw + x]!;
        if (squared >= cutoffSquared) continue;
        const i = row + x;
        const d = Math.sqrt(squared);
        if (d < d1[i]!) {
          d2[i] = d1[i]!;
          d1[i] = d;
        } else if (d < d2[i]!) {
          d2[i] = d;
        }
      }
    }
  }
  return { d1, d2 };
}
