// Bicubic interpolation of a coarse square lattice to every pixel, used to turn the paper's 3x3
// grid of random displacement vectors into a smooth per-pixel field (Sec. 3.1). Cubic convolution
// with a = -0.5 (Catmull-Rom): it passes through the lattice values and is C1, so the warp has no
// kinks, unlike bilinear interpolation whose gradient jumps at every lattice line.

/** Catmull-Rom weights of lattice nodes i-1, i, i+1, i+2 at fraction t in [0, 1] past node i. */
export function cubicWeights(t: number, out: Float64Array, offset = 0): void {
  const t2 = t * t;
  const t3 = t2 * t;
  out[offset] = (-t3 + 2 * t2 - t) / 2;
  out[offset + 1] = (3 * t3 - 5 * t2 + 2) / 2;
  out[offset + 2] = (-3 * t3 + 4 * t2 + t) / 2;
  out[offset + 3] = (t3 - t2) / 2;
}

interface AxisTaps {
  /** 4 lattice indices per pixel, clamped to 0..grid-1 (the edge node is repeated). */
  index: Int32Array;
  weight: Float64Array;
}

/**
 * Lattice node j sits at pixel j * (size - 1) / (grid - 1): the lattice spans the tile from its
 * first to its last pixel, so nodes land exactly on pixels when (size - 1) is a multiple of
 * (grid - 1), and there the weights are exactly [0, 1, 0, 0].
 */
function axisTaps(size: number, grid: number): AxisTaps {
  const index = new Int32Array(size * 4);
  const weight = new Float64Array(size * 4);
  for (let p = 0; p < size; p++) {
    if (grid === 1 || size === 1) {
      weight[p * 4 + 1] = 1; // a single node (or a single pixel on node 0): constant
      continue;
    }
    const u = (p * (grid - 1)) / (size - 1);
    const i = Math.min(Math.floor(u), grid - 2);
    cubicWeights(u - i, weight, p * 4);
    for (let k = 0; k < 4; k++) index[p * 4 + k] = Math.min(grid - 1, Math.max(0, i - 1 + k));
  }
  return { index, weight };
}

/**
 * Interpolates `lattice` (grid x grid values, row-major) to width x height pixels. Separable: first
 * along x for each lattice row, then along y, so the cost is ~4 multiply-adds per pixel.
 */
export function interpolateLattice(
  lattice: ArrayLike<number>,
  grid: number,
  width: number,
  height: number,
): Float32Array {
  if (!Number.isInteger(grid) || grid < 1)
    throw new RangeError(`grid must be an integer >= 1, got ${grid}`);
  if (lattice.length !== grid * grid) {
    throw new RangeError(`lattice has ${lattice.length} values, expected ${grid * grid}`);
  }
  const xs = axisTaps(width, grid);
  const ys = axisTaps(height, grid);
  const rows = new Float64Array(grid * width);
  for (let r = 0; r < grid; r++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = 0; k < 4; k++)
        sum += xs.weight[x * 4 + k]! * lattice[r * grid + xs.index[x * 4 + k]!]!;
      rows[r * width + x] = sum;
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const w0 = ys.weight[y * 4]!;
    const w1 = ys.weight[y * 4 + 1]!;
    const w2 = ys.weight[y * 4 + 2]!;
    const w3 = ys.weight[y * 4 + 3]!;
    const r0 = ys.index[y * 4]! * width;
    const r1 = ys.index[y * 4 + 1]! * width;
    const r2 = ys.index[y * 4 + 2]! * width;
    const r3 = ys.index[y * 4 + 3]! * width;
    for (let x = 0; x < width; x++) {
      out[y * width + x] =
        w0 * rows[r0 + x]! + w1 * rows[r1 + x]! + w2 * rows[r2 + x]! + w3 * rows[r3 + x]!;
    }
  }
  return out;
}
