// Per-instance tables (areas, bounding boxes) want plain arrays indexed by id, but ids may be sparse:
// a 16-bit label file can number 30 nuclei anywhere up to 65535. Renumbering to 1..count keeps the
// tables as small as the instance count.

export interface DenseInstances {
  /** Same layout as the input; 0 stays 0, ids become 1..count in increasing order of original id. */
  dense: Int32Array;
  count: number;
  /** original id of dense id k at index k (index 0 is 0). */
  originalIds: Int32Array;
}

export function compactInstanceIds(instances: Int32Array): DenseInstances {
  let maxId = 0;
  for (let i = 0; i < instances.length; i++) {
    const id = instances[i]!;
    if (id < 0) throw new RangeError(`instance ids must be >= 0, found ${id}`);
    if (id > maxId) maxId = id;
  }
  // Sorting the distinct ids keeps "larger original id" meaningful after renumbering.
  const distinct = new Set<number>();
  if (maxId <= instances.length) {
    const seen = new Uint8Array(maxId + 1);
    for (let i = 0; i < instances.length; i++) seen[instances[i]!] = 1;
    for (let id = 1; id <= maxId; id++) if (seen[id] === 1) distinct.add(id);
  } else {
    for (let i = 0; i < instances.length; i++) if (instances[i] !== 0) distinct.add(instances[i]!);
  }
  const originalIds = Int32Array.from([0, ...[...distinct].sort((a, b) => a - b)]);
  const toDense = new Map<number, number>();
  for (let k = 1; k < originalIds.length; k++) toDense.set(originalIds[k]!, k);
  const dense = new Int32Array(instances.length);
  let previousId = 0;
  let previousDense = 0;
  for (let i = 0; i < instances.length; i++) {
    const id = instances[i]!;
    if (id === 0) continue;
    // Neighbouring pixels mostly share an id, so the map lookup runs once per run, not per pixel.
    if (id !== previousId) {
      previousId = id;
      previousDense = toDense.get(id)!;
    }
    dense[i] = previousDense;
  }
  return { dense, count: originalIds.length - 1, originalIds };
}
