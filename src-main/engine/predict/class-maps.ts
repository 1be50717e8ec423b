/** The most probable class per pixel, 0-based (0 = the first class, background by convention). */
export function argmaxClasses(
  probabilities: Float32Array,
  pixels: number,
  classes: number,
): Uint8Array {
  const out = new Uint8Array(pixels);
  for (let i = 0; i < pixels; i++) {
    let best = 0;
    let bestValue = probabilities[i * classes]!;
    for (let k = 1; k < classes; k++) {
      const value = probabilities[i * classes + k]!;
      if (value > bestValue) {
        bestValue = value;
        best = k;
      }
    }
    out[i] = best;
  }
  return out;
}

/** One class's probability plane. */
export function classPlane(
  probabilities: Float32Array,
  pixels: number,
  classes: number,
  k: number,
): Float32Array {
  const out = new Float32Array(pixels);
  for (let i = 0; i < pixels; i++) out[i] = probabilities[i * classes + k]!;
  return out;
}
