// The maths of the training chart, kept apart from the SVG so that it can be tested exactly:
// linear scales, "nice" ticks (1, 2 or 5 times a power of ten), SVG path data, and the
// downsampling that keeps a run of a million steps drawable.

export interface Point {
  x: number;
  y: number;
}

export type Domain = readonly [number, number];

/** The tick spacing near span / targetCount that is 1, 2 or 5 times a power of ten. */
export function niceStep(span: number, targetCount: number): number {
  const raw = span / Math.max(1, targetCount);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  const factor = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10;
  return factor * magnitude;
}

/** Decimal places that print every multiple of `step` exactly (0.2 -> 1, 0.05 -> 2, 5 -> 0). */
export function tickDecimals(step: number): number {
  if (!(step > 0)) return 0;
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/** A tick label without trailing zeros: 0.4 -> "0.4", 1 -> "1" (and never "-0"). */
export function formatTick(value: number, step: number): string {
  return String(Number(value.toFixed(tickDecimals(step))) + 0);
}

/** Nice values from min to max inclusive, about targetCount intervals apart. */
export function niceTicks(min: number, max: number, targetCount = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) return [];
  if (max === min) return [min];
  const step = niceStep(max - min, targetCount);
  const decimals = tickDecimals(step);
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  const ticks: number[] = [];
  // Multiples of the step, rounded so that 3 * 0.1 prints as 0.3, not 0.30000000000000004.
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toFixed(decimals)));
  return ticks;
}

/** [lo, hi] widened outwards to whole ticks, so the axis starts and ends on a label. */
export function niceDomain(lo: number, hi: number, targetCount = 5): Domain {
  const top = hi > lo ? hi : lo + 1;
  const step = niceStep(top - lo, targetCount);
  const decimals = tickDecimals(step);
  return [
    Number((Math.floor(lo / step + 1e-9) * step).toFixed(decimals)),
    Number((Math.ceil(top / step - 1e-9) * step).toFixed(decimals)),
  ];
}

/** Maps the domain linearly onto the range; an empty domain maps to the range's middle. */
export function linearScale(domain: Domain, range: Domain): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d1 === d0) return () => (r0 + r1) / 2;
  const factor = (r1 - r0) / (d1 - d0);
  return (value) => r0 + (value - d0) * factor;
}

/** Smallest and largest finite value, or null when there is none. */
export function extent(values: Iterable<number | null | undefined>): Domain | null {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value === null || value === undefined || !Number.isFinite(value)) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return min <= max ? [min, max] : null;
}

/**
 * At most `maxPoints` points that still show every spike: the first and the last point, and for
 * each bucket of the points between them its lowest and its highest point, in their order.
 */
export function downsampleMinMax(points: readonly Point[], maxPoints: number): Point[] {
  const buckets = Math.floor((maxPoints - 2) / 2);
  if (points.length <= maxPoints || buckets < 1) return points.slice();
  const inner = points.length - 2;
  const out: Point[] = [points[0] as Point];
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor((b * inner) / buckets);
    const end = 1 + Math.floor(((b + 1) * inner) / buckets);
    if (start >= end) continue;
    let lowest = start;
    let highest = start;
    for (let i = start + 1; i < end; i++) {
      const y = (points[i] as Point).y;
      if (y < (points[lowest] as Point).y) lowest = i;
      if (y > (points[highest] as Point).y) highest = i;
    }
    const firstIndex = Math.min(lowest, highest);
    const secondIndex = Math.max(lowest, highest);
    out.push(points[firstIndex] as Point);
    if (secondIndex !== firstIndex) out.push(points[secondIndex] as Point);
  }
  out.push(points[points.length - 1] as Point);
  return out;
}

function pixel(value: number): string {
  // A tenth of a pixel is finer than any screen shows, and keeps the path text short.
  return String(Math.round(value * 10) / 10);
}

/** SVG path data ("M x,y L x,y …") through the points, in screen coordinates. */
export function linePath(
  points: readonly Point[],
  x: (value: number) => number,
  y: (value: number) => number,
): string {
  return points
    .map((point, i) => `${i === 0 ? 'M' : 'L'}${pixel(x(point.x))},${pixel(y(point.y))}`)
    .join('');
}

export interface ColourBarTick {
  value: number;
  label: string;
  /** Position along the bar, 0 (left) to 1 (right). */
  fraction: number;
}

function formatMaximum(max: number): string {
  const decimals = max >= 100 ? 0 : max >= 10 ? 1 : 2;
  return String(Number(max.toFixed(decimals)));
}

/**
 * Ticks of a colour bar from 0 to `max`: nice values, and `max` itself at the right end. A nice
 * value within half a step of `max` is dropped so that the two labels do not overlap.
 */
export function colourBarTicks(max: number, targetCount = 4): ColourBarTick[] {
  if (!(max > 0) || !Number.isFinite(max)) return [{ value: 0, label: '0', fraction: 0 }];
  const step = niceStep(max, targetCount);
  const ticks = niceTicks(0, max, targetCount).map((value) => ({
    value,
    label: formatTick(value, step),
    fraction: value / max,
  }));
  const last = ticks[ticks.length - 1];
  if (last && last.value === max) return ticks;
  if (last && last.value > 0 && max - last.value < step / 2) ticks.pop();
  ticks.push({ value: max, label: formatMaximum(max), fraction: 1 });
  return ticks;
}
