/**
 * Mirror an index into 0..n-1 without repeating the edge pixel (-1 -> 1, n -> n-2), the
 * paper's mirrored context at image borders; periodic, so any distance works.
 */
export function mirrorIndex(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * n - 2;
  let r = i % period;
  if (r < 0) r += period;
  return r < n ? r : period - r;
}
