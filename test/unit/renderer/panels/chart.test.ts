import { describe, expect, it } from 'vitest';
import {
  colourBarTicks,
  downsampleMinMax,
  extent,
  formatTick,
  linePath,
  linearScale,
  niceDomain,
  niceStep,
  niceTicks,
  tickDecimals,
} from '../../../../src-renderer/src/lib/chart';

describe('ticks', () => {
  it('spaces ticks 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(1, 5)).toBe(0.2);
    expect(niceStep(12.7, 5)).toBe(5);
    expect(niceStep(100, 4)).toBe(50);
    expect(niceStep(0, 5)).toBe(1);
  });

  it('lists exact multiples of the step from min to max', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]); // not 0.30000000000000004
    expect(niceTicks(-1, 1, 4)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(niceTicks(0.05, 0.93, 5)).toEqual([0.2, 0.4, 0.6, 0.8]);
    expect(niceTicks(3, 3)).toEqual([3]);
    expect(niceTicks(2, 1)).toEqual([]);
  });

  it('prints labels with as many decimals as the step needs, without trailing zeros', () => {
    expect(tickDecimals(0.2)).toBe(1);
    expect(tickDecimals(0.1)).toBe(1);
    expect(tickDecimals(0.05)).toBe(2);
    expect(tickDecimals(5)).toBe(0);
    expect(tickDecimals(10)).toBe(0);
    expect(formatTick(0.4000000001, 0.2)).toBe('0.4');
    expect(formatTick(1, 0.2)).toBe('1');
    expect(formatTick(-0.00001, 0.1)).toBe('0');
  });

  it('widens a domain outwards to whole ticks', () => {
    expect(niceDomain(0, 3.7, 4)).toEqual([0, 4]);
    expect(niceDomain(0.05, 0.93, 5)).toEqual([0, 1]);
    expect(niceDomain(2, 2, 5)).toEqual([2, 3]);
  });
});

describe('scales', () => {
  it('maps linearly, including onto an upside-down range (SVG y grows downwards)', () => {
    expect(linearScale([0, 10], [0, 100])(2.5)).toBe(25);
    expect(linearScale([0, 10], [100, 0])(2.5)).toBe(75);
    expect(linearScale([5, 5], [0, 100])(123)).toBe(50);
  });

  it('finds the extent of the finite values only', () => {
    expect(extent([3, null, Number.NaN, -1, undefined, 7, Infinity])).toEqual([-1, 7]);
    expect(extent([null, Number.NaN])).toBeNull();
  });
});

describe('downsampleMinMax', () => {
  const ys = [5, 1, 9, 3, 4, 8, 2, 7, 6, 0];
  const points = ys.map((y, x) => ({ x, y }));

  it('keeps the ends and the lowest and highest point of each bucket, in order', () => {
    const kept = downsampleMinMax(points, 6);
    expect(kept.map((p) => p.x)).toEqual([0, 1, 2, 5, 6, 9]);
  });

  it('returns short series unchanged (as a copy)', () => {
    const kept = downsampleMinMax(points, 10);
    expect(kept).toEqual(points);
    expect(kept).not.toBe(points);
  });

  it('draws a long run with few points that still hold its extremes', () => {
    const long = Array.from({ length: 100_000 }, (_, x) => ({ x, y: Math.sin(x / 50) }));
    long[54_321] = { x: 54_321, y: 40 }; // a loss spike must not vanish
    const kept = downsampleMinMax(long, 400);
    expect(kept.length).toBeLessThanOrEqual(400);
    expect(kept.length).toBeGreaterThan(300);
    expect(kept).toContainEqual({ x: 54_321, y: 40 });
    expect(kept[0]).toEqual(long[0]);
    expect(kept[kept.length - 1]).toEqual(long[long.length - 1]);
  });
});

describe('linePath', () => {
  it('writes SVG path data in screen pixels, rounded to a tenth', () => {
    const x = linearScale([0, 10], [0, 200]);
    const y = linearScale([0, 1], [100, 0]);
    expect(
      linePath(
        [
          { x: 0, y: 0 },
          { x: 5, y: 1 },
          { x: 10 / 60, y: 1 / 3 },
        ],
        x,
        y,
      ),
    ).toBe('M0,100L100,0L3.3,66.7');
    expect(linePath([], x, y)).toBe('');
  });
});

describe('colourBarTicks', () => {
  it('puts the maximum at the right end and drops a nice tick that would collide with it', () => {
    const ticks = colourBarTicks(10.734, 4);
    expect(ticks.map((t) => t.label)).toEqual(['0', '5', '10.7']);
    expect(ticks.map((t) => t.value)).toEqual([0, 5, 10.734]);
    expect(ticks[1]?.fraction).toBeCloseTo(5 / 10.734, 12);
    expect(ticks[2]?.fraction).toBe(1);
  });

  it('keeps the last nice tick when it is the maximum, and labels small maxima finely', () => {
    expect(colourBarTicks(10, 4).map((t) => t.label)).toEqual(['0', '5', '10']);
    expect(colourBarTicks(1.234, 4).map((t) => t.label)).toEqual(['0', '0.5', '1.23']);
    expect(colourBarTicks(0)).toEqual([{ value: 0, label: '0', fraction: 0 }]);
  });
});
