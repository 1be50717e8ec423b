// Connected components by two-pass labelling with union-find: linear in the pixel count, no
// recursion (a 16k x 16k mask must not overflow a stack).

export type Connectivity = 4 | 8;

export interface Components {
  /** 0 where the mask is 0; 1..count elsewhere, numbered in raster order of first pixel. */
  labels: Int32Array;
  count: number;
}

function find(parent: Int32Array, x: number): number {
  while (parent[x]! !== x) {
    parent[x] = parent[parent[x]!]!;
    x = parent[x]!;
  }
  return x;
}

function union(parent: Int32Array, a: number, b: number): void {
  const ra = find(parent, a);
  const rb = find(parent, b);
  if (ra < rb) parent[rb] = ra;
  else if (rb < ra) parent[ra] = rb;
}

/**
 * Labels the connected regions of `mask`; with `sameValue`, neighbours join only when their
 * mask values are equal (so an instance map's touching objects stay apart).
 */
export function labelComponents(
  mask: ArrayLike<number>,
  width: number,
  height: number,
  connectivity: Connectivity = 8,
  sameValue = false,
): Components {
  const labels = new Int32Array(width * height);
  const parent = new Int32Array(width * height + 1);
  let next = 1;
  const joins = (a: number, b: number): boolean =>
    mask[b]! !== 0 && (!sameValue || mask[a] === mask[b]);

  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (mask[i]! === 0) continue;
      let label = 0;
      const neighbours: number[] = [];
      if (x > 0) neighbours.push(i - 1);
      if (y > 0) {
        neighbours.push(i - width);
        if (connectivity === 8) {
          if (x > 0) neighbours.push(i - width - 1);
          if (x < width - 1) neighbours.push(i - width + 1);
        }
      }
      for (const n of neighbours) {
        if (!joins(i, n)) continue;
        const other = labels[n]!;
        if (label === 0) label = other;
        else if (other !== label) union(parent, label, other);
      }
      if (label === 0) {
        label = next++;
        parent[label] = label;
      }
      labels[i] = label;
    }
  }

  // Second pass: roots to consecutive ids in raster order.
  const remap = new Int32Array(next);
  let count = 0;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label === 0) continue;
    const root = find(parent, label);
    if (remap[root] === 0) remap[root] = ++count;
    labels[i] = remap[root]!;
  }
  return { labels, count };
}
