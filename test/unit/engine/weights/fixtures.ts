// Small deterministic generators for the weight-map tests (a local PRNG keeps them independent of
// the augment module).

export function lcg(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

export function seededMask(
  width: number,
  height: number,
  density: number,
  seed: number,
): Uint8Array {
  const random = lcg(seed);
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = random() < density ? 1 : 0;
  return mask;
}

/** Nearest-seed (Voronoi) instance map: many touching instances; ids are spread out and sparse. */
export function voronoiInstances(
  width: number,
  height: number,
  seeds: number,
  holeFraction: number,
  seed: number,
): Int32Array {
  const random = lcg(seed);
  const sx = Array.from({ length: seeds }, () => random() * width);
  const sy = Array.from({ length: seeds }, () => random() * height);
  const out = new Int32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (random() < holeFraction) continue;
      let best = 0;
      let bestDistance = Infinity;
      for (let k = 0; k < seeds; k++) {
        const d = (x - sx[k]!) ** 2 + (y - sy[k]!) ** 2;
        if (d < bestDistance) {
          bestDistance = d;
          best = k;
        }
      }
      out[y * width + x] = 7 * best + 3;
    }
  }
  return out;
}

/** Paints a filled rectangle of `id` into an instance map. */
export function fillRect(
  map: Int32Array,
  width: number,
  x0: number,
  y0: number,
  w: number,
  h: number,
  id: number,
): void {
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) map[y * width + x] = id;
}
