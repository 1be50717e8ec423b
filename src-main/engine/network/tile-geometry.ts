// Sizes of the U-Net's tiles. With valid convolutions every 3x3 conv loses 2 px per axis and
// every max-pool must see an even size, so only some input sizes work (572, 508, 444, ... at
// depth 4) and the output is smaller than the input by a fixed margin (184 px at depth 4).

export type Padding = 'valid' | 'same';

export interface Geometry {
  depth: number;
  padding: Padding;
}

/** Output size for an input tile, or undefined if some max-pool would see an odd size. */
export function outputSize(input: number, { depth, padding }: Geometry): number | undefined {
  const loss = padding === 'valid' ? 4 : 0;
  let size = input;
  for (let level = 0; level < depth; level++) {
    size -= loss;
    if (size <= 0 || size % 2 !== 0) return undefined;
    size /= 2;
  }
  size -= loss;
  if (size <= 0) return undefined;
  for (let level = 0; level < depth; level++) size = size * 2 - loss;
  return size > 0 ? size : undefined;
}

/** The margin lost to valid convolutions (input - output): 184 at depth 4. */
export function tileMargin(geometry: Geometry): number {
  const probe = smallestValidInput(geometry);
  return probe - outputSize(probe, geometry)!;
}

export function isValidInput(input: number, geometry: Geometry): boolean {
  return outputSize(input, geometry) !== undefined;
}

/** Valid input sizes step by 2^depth; this is the smallest. */
export function smallestValidInput(geometry: Geometry): number {
  for (let input = 1; ; input++) if (isValidInput(input, geometry)) return input;
}

/** The largest valid input size not above `limit` (undefined if none). */
export function largestValidInputAtMost(limit: number, geometry: Geometry): number | undefined {
  for (let input = Math.floor(limit); input > 0; input--)
    if (isValidInput(input, geometry)) return input;
  return undefined;
}

/** The smallest valid input size whose output covers at least `output` pixels. */
export function inputForOutput(output: number, geometry: Geometry): number {
  for (let input = Math.max(1, output); ; input++) {
    const out = outputSize(input, geometry);
    if (out !== undefined && out >= output) return input;
  }
}

/**
 * Centre crop applied to the skip connection at each level (0 = top) so it matches the
 * up-sampled map. Constant whatever the input size: 88, 40, 16, 4 at depth 4.
 */
export function skipCrops(geometry: Geometry): number[] {
  if (geometry.padding === 'same') return new Array<number>(geometry.depth).fill(0);
  const crops: number[] = [];
  let crop = 4;
  for (let level = geometry.depth - 1; level >= 0; level--) {
    crops[level] = crop;
    crop = crop * 2 + 8;
  }
  return crops;
}

/** Alignment of the max-pool grid: tiles that start at multiples of this agree exactly. */
export function poolAlignment(geometry: Geometry): number {
  return 2 ** geometry.depth;
}
