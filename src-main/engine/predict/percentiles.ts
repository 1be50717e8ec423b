// Exact percentiles of one channel. Small images sort a copy. Large ones (a 16k x 16k page has
// 268 million samples: a sorted Float64 copy would take 2 GB and most of a minute) narrow down
// on each wanted order statistic with histograms over the data, then sort only the few values
// left in its bin: the same answer, in a few passes and a few MB.

/** Up to this many finite samples, sorting a copy is simplest and fast enough. */
export const SORT_LIMIT = 1 << 22;
const BINS = 1 << 16;
/** A bin with at most this many samples is collected and sorted. */
const COLLECT_LIMIT = 1 << 20;

function interpolate(rankValue: (rank: number) => number, count: number, percent: number): number {
  const position = (percent / 100) * (count - 1);
  const below = Math.floor(position);
  const above = Math.min(count - 1, below + 1);
  const low = rankValue(below);
  return low + (rankValue(above) - low) * (position - below);
}

/**
 * The value of rank `rank` (0-based, ascending) among the finite samples of one channel.
 * Invariant: the wanted sample lies in [lo, hi], and `below` samples are smaller than lo. Each
 * pass histograms the samples in [lo, hi]; the bin holding the rank becomes the new [lo, hi]
 * (its smallest and largest sample: bins are monotonic in value, so no other sample falls in
 * between). lo and hi always land in the first and last bin, so every pass shrinks the set.
 */
function selectRank(
  values: ArrayLike<number>,
  channels: number,
  channel: number,
  rank: number,
  min: number,
  max: number,
  collectLimit: number,
): number {
  let lo = min;
  let hi = max;
  let below = 0;
  for (;;) {
    if (lo === hi) return lo;
    const counts = new Float64Array(BINS);
    const width = (hi - lo) / BINS;
    const binOf = (v: number) => Math.min(BINS - 1, Math.floor((v - lo) / width));
    for (let i = channel; i < values.length; i += channels) {
      const v = values[i]!;
      if (v >= lo && v <= hi) counts[binOf(v)]!++;
    }
    let bin = 0;
    let before = below;
    while (before + counts[bin]! <= rank) before += counts[bin++]!;
    if (counts[bin]! <= collectLimit) {
      const inBin = new Float64Array(counts[bin]!);
      let n = 0;
      for (let i = channel; i < values.length; i += channels) {
        const v = values[i]!;
        if (v >= lo && v <= hi && binOf(v) === bin) inBin[n++] = v;
      }
      return inBin.sort()[rank - before]!;
    }
    let smallest = Infinity;
    let largest = -Infinity;
    for (let i = channel; i < values.length; i += channels) {
      const v = values[i]!;
      if (v >= lo && v <= hi && binOf(v) === bin) {
        if (v < smallest) smallest = v;
        if (v > largest) largest = v;
      }
    }
    below = before;
    lo = smallest;
    hi = largest;
  }
}

/** 8- and 16-bit samples: one exact histogram with a bin per value answers every rank. */
function isSmallInteger(
  values: ArrayLike<number>,
): values is Uint8Array | Uint16Array | Int16Array {
  return (
    values instanceof Uint8Array || values instanceof Uint16Array || values instanceof Int16Array
  );
}

function integerRanks(
  values: Uint8Array | Uint16Array | Int16Array,
  channels: number,
  channel: number,
  min: number,
  max: number,
): (rank: number) => number {
  const counts = new Float64Array(max - min + 1);
  for (let i = channel; i < values.length; i += channels) counts[values[i]! - min]!++;
  return (rank) => {
    let seen = 0;
    for (let v = 0; v < counts.length; v++) {
      seen += counts[v]!;
      if (seen > rank) return v + min;
    }
    return max;
  };
}

export function percentileWindow(
  values: ArrayLike<number>,
  channels: number,
  channel: number,
  lowPercent: number,
  highPercent: number,
  /** Tests lower these to reach the histogram path on small data. */
  limits: { sort: number; collect: number } = { sort: SORT_LIMIT, collect: COLLECT_LIMIT },
): { low: number; high: number } {
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = channel; i < values.length; i += channels) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (count === 0) return { low: 0, high: 1 };
  let rankValue: (rank: number) => number;
  if (isSmallInteger(values) && count > limits.sort) {
    rankValue = integerRanks(values, channels, channel, min, max);
  } else if (count <= limits.sort) {
    const sample = new Float64Array(count);
    let n = 0;
    for (let i = channel; i < values.length; i += channels) {
      const v = values[i]!;
      if (Number.isFinite(v)) sample[n++] = v;
    }
    const sorted = sample.sort();
    rankValue = (rank) => sorted[rank]!;
  } else {
    const known = new Map<number, number>();
    rankValue = (rank) => {
      let value = known.get(rank);
      if (value === undefined) {
        value = selectRank(values, channels, channel, rank, min, max, limits.collect);
        known.set(rank, value);
      }
      return value;
    };
  }
  return {
    low: interpolate(rankValue, count, lowPercent),
    high: interpolate(rankValue, count, highPercent),
  };
}
