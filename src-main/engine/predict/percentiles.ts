/** Percentiles of one channel, by sorting a copy (exact; images here fit comfortably). */
export function percentileWindow(
  values: ArrayLike<number>,
  channels: number,
  channel: number,
  lowPercent: number,
  highPercent: number,
): { low: number; high: number } {
  const count = Math.floor(values.length / channels);
  const sample = new Float64Array(count);
  let n = 0;
  for (let i = channel; i < values.length; i += channels) {
    const v = values[i]!;
    if (Number.isFinite(v)) sample[n++] = v;
  }
  if (n === 0) return { low: 0, high: 1 };
  const sorted = sample.subarray(0, n).sort();
  const at = (percent: number) => {
    const position = (percent / 100) * (n - 1);
    const below = Math.floor(position);
    const above = Math.min(n - 1, below + 1);
    return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
  };
  return { low: at(lowPercent), high: at(highPercent) };
}
