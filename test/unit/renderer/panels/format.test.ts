import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDateTime,
  formatDecimal,
  formatDuration,
  formatPercent,
  formatRate,
  formatSeconds,
  plural,
} from '../../../../src-renderer/src/lib/format';

describe('formatDuration', () => {
  it('says seconds, minutes and seconds, or hours and minutes', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(59.6)).toBe('1 min 00 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3725)).toBe('1 h 02 min');
    expect(formatDuration(null)).toBe('–');
    expect(formatDuration(Infinity)).toBe('–');
  });
});

describe('formatSeconds and formatRate', () => {
  it('keeps short times precise', () => {
    expect(formatSeconds(0.843)).toBe('0.84 s');
    expect(formatSeconds(12.34)).toBe('12.3 s');
    expect(formatSeconds(125)).toBe('2 min 05 s');
  });

  it('says slow training as one step every so long', () => {
    expect(formatRate(12.4)).toBe('12 steps/s');
    expect(formatRate(2.44)).toBe('2.4 steps/s');
    expect(formatRate(0.125)).toBe('1 step every 8 s');
    expect(formatRate(0)).toBe('–');
  });
});

describe('numbers', () => {
  it('prints percentages, decimals and counts', () => {
    expect(formatPercent(0.0234)).toBe('2.3%');
    expect(formatPercent(null)).toBe('–');
    expect(formatDecimal(0.87654)).toBe('0.877');
    expect(formatDecimal(undefined)).toBe('–');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(plural(1, 'image', 'images')).toBe('1 image');
    expect(plural(1200, 'image', 'images')).toBe('1,200 images');
  });
});

describe('formatDateTime', () => {
  it('shows an ISO time in local time, to the minute', () => {
    expect(formatDateTime(new Date(2026, 10, 23, 14, 5, 59).toISOString())).toBe(
      '2026-11-23 14:05',
    );
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});
