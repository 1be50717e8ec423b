// The 8 rotations and flips of predict/dihedral.ts on plain NHWC arrays of a square tile, for
// test-time averaging with ONNX Runtime (its tiles never become tfjs tensors).

/**
 * For transform k (0..7: k & 3 quarter turns, then a flip when k >= 4) of a side x side tile,
 * the source pixel of each output pixel. Made by applying the transform to an image of indices.
 */
export function dihedralSourcePixels(side: number, k: number): Int32Array {
  let map = Int32Array.from({ length: side * side }, (_, i) => i);
  const turns = k & 3;
  for (let turn = 0; turn < turns; turn++) {
    // As tfjs reverse(transpose(x), width): out[y][x] = in[side - 1 - x][y].
    const next = new Int32Array(map.length);
    for (let y = 0; y < side; y++)
      for (let x = 0; x < side; x++) next[y * side + x] = map[(side - 1 - x) * side + y]!;
    map = next;
  }
  if (k >= 4) {
    // reverse(x, width): out[y][x] = in[y][side - 1 - x].
    const next = new Int32Array(map.length);
    for (let y = 0; y < side; y++)
      for (let x = 0; x < side; x++) next[y * side + x] = map[y * side + side - 1 - x]!;
    map = next;
  }
  return map;
}

/** Transform k of an NHWC square tile with `channels` values per pixel. */
export function applyDihedral(
  data: Float32Array,
  side: number,
  channels: number,
  k: number,
): Float32Array {
  const source = dihedralSourcePixels(side, k);
  const out = new Float32Array(data.length);
  for (let p = 0; p < source.length; p++)
    for (let c = 0; c < channels; c++) out[p * channels + c] = data[source[p]! * channels + c]!;
  return out;
}

/** The inverse of `applyDihedral(·, k)`: every pixel goes back where it came from. */
export function invertDihedral(
  data: Float32Array,
  side: number,
  channels: number,
  k: number,
): Float32Array {
  const source = dihedralSourcePixels(side, k);
  const out = new Float32Array(data.length);
  for (let p = 0; p < source.length; p++)
    for (let c = 0; c < channels; c++) out[source[p]! * channels + c] = data[p * channels + c]!;
  return out;
}
