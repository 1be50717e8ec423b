// Pixel counts per object of an instance map (0 = background, 1.. = object ids).

export interface ObjectCounts {
  /** Ids present in the map, ascending. */
  ids: number[];
  /** sizes[k] is the pixel count of ids[k]. */
  sizes: number[];
}

/**
 * Counts the pixels of each object. Ids from labelling or a 16-bit file are at most the pixel
 * count, so a dense array indexed by id does the counting in one pass; a map with sparse huge
 * ids (from elsewhere) falls back to a Map rather than allocating an array the size of its
 * largest id. Negative ids are refused: they mean the map was read with the wrong type.
 */
export function countObjects(instances: Int32Array): ObjectCounts {
  let maxId = 0;
  for (let i = 0; i < instances.length; i++) {
    const id = instances[i]!;
    if (id < 0) throw new RangeError(`instance map holds a negative id (${id}) at pixel ${i}`);
    if (id > maxId) maxId = id;
  }
  const ids: number[] = [];
  const sizes: number[] = [];
  if (maxId <= instances.length) {
    const dense = new Float64Array(maxId + 1);
    for (let i = 0; i < instances.length; i++) dense[instances[i]!]!++;
    for (let id = 1; id <= maxId; id++) {
      if (dense[id]! > 0) {
        ids.push(id);
        sizes.push(dense[id]!);
      }
    }
    return { ids, sizes };
  }
  const sparse = new Map<number, number>();
  for (let i = 0; i < instances.length; i++) {
    const id = instances[i]!;
    if (id !== 0) sparse.set(id, (sparse.get(id) ?? 0) + 1);
  }
  for (const id of [...sparse.keys()].sort((a, b) => a - b)) {
    ids.push(id);
    sizes.push(sparse.get(id)!);
  }
  return { ids, sizes };
}

/** The pixel count of every object present, in ascending id order (absent ids are skipped). */
export function objectSizes(instances: Int32Array): number[] {
  return countObjects(instances).sizes;
}
