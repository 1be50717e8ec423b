// Mirroring at the image border, the paper's way of giving border tiles their missing context
// (Fig. 2). The edge pixel is not repeated (numpy's 'reflect', not 'symmetric'), so mirrored
// structures stay continuous across the border.

/** Index i mirrored into 0..n-1: -1 -> 1, n -> n-2; periodic with period 2n-2; n === 1 -> 0. */
export function reflectIndex(i: number, n: number): number {
  if (i >= 0 && i < n) return i;
  if (n <= 1) return 0;
  const period = 2 * n - 2;
  // The second % keeps the result +0 (never -0) for negative multiples of the period.
  const m = ((i % period) + period) % period;
  return m < n ? m : period - m;
}
