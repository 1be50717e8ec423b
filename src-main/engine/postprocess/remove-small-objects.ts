// Dropping specks: a U-Net leaves isolated false-positive pixels that would each count as an
// object (a false positive in object F1, a tiny segment in the Rand error).
import { countObjects } from './object-sizes';

export interface Instances {
  /** 0 = background, 1..count = objects. */
  instances: Int32Array;
  count: number;
}

/**
 * Drops objects with fewer than `minSize` pixels and renumbers the rest 1..count in their
 * original id order, so ids stay consecutive (what a 16-bit label file and the metrics expect).
 */
export function removeSmallObjectsCounted(
  instances: Int32Array,
  width: number,
  height: number,
  minSize: number,
): Instances {
  if (instances.length !== width * height) {
    throw new RangeError(
      `instance map has ${instances.length} pixels, expected ${width} x ${height}`,
    );
  }
  const { ids, sizes } = countObjects(instances);
  const newId = new Map<number, number>();
  let count = 0;
  ids.forEach((id, k) => {
    if (sizes[k]! >= minSize) newId.set(id, ++count);
  });
  const out = new Int32Array(instances.length);
  // Most pixels are background or continue the previous pixel's object: remember the last lookup.
  let lastId = 0;
  let lastNew = 0;
  for (let i = 0; i < instances.length; i++) {
    const id = instances[i]!;
    if (id === 0) continue;
    if (id !== lastId) {
      lastId = id;
      lastNew = newId.get(id) ?? 0;
    }
    out[i] = lastNew;
  }
  return { instances: out, count };
}

/** `removeSmallObjectsCounted` without the count. */
export function removeSmallObjects(
  instances: Int32Array,
  width: number,
  height: number,
  minSize: number,
): Int32Array {
  return removeSmallObjectsCounted(instances, width, height, minSize).instances;
}
