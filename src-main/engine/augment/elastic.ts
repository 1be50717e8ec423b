// The paper's key augmentation (Sec. 3.1): random displacement vectors on a coarse 3x3 grid, drawn
// from a Gaussian with 10 px standard deviation, interpolated per pixel bicubically.
import { interpolateLattice } from './bicubic';
import type { Rng } from './rng';

export interface ElasticOptions {
  /** Lattice nodes per side, spanning the tile; paper: 3. */
  grid?: number;
  /** Standard deviation of each displacement component at a node, in pixels; paper: 10. */
  sigma?: number;
}

/**
 * A smooth displacement field over a width x height tile. Draw order (fixed, so a seed replays):
 * grid*grid x-components row-major, then grid*grid y-components. At the lattice nodes each
 * component is exactly N(0, sigma^2); between them the interpolation averages, so the spread there
 * is somewhat smaller.
 */
export function elasticDisplacement(
  rng: Rng,
  width: number,
  height: number,
  options: ElasticOptions = {},
): { dx: Float32Array; dy: Float32Array } {
  const grid = options.grid ?? 3;
  const sigma = options.sigma ?? 10;
  if (!Number.isInteger(grid) || grid < 1)
    throw new RangeError(`grid must be an integer >= 1, got ${grid}`);
  if (!(sigma >= 0) || !Number.isFinite(sigma))
    throw new RangeError(`sigma must be finite and >= 0, got ${sigma}`);
  const nodes = grid * grid;
  const latticeX = new Float64Array(nodes);
  const latticeY = new Float64Array(nodes);
  for (let k = 0; k < nodes; k++) latticeX[k] = sigma * rng.normal();
  for (let k = 0; k < nodes; k++) latticeY[k] = sigma * rng.normal();
  return {
    dx: interpolateLattice(latticeX, grid, width, height),
    dy: interpolateLattice(latticeY, grid, width, height),
  };
}
