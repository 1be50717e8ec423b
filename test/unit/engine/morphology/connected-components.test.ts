import { describe, expect, it } from 'vitest';
import { labelComponents } from '../../../../src-main/engine/morphology/connected-components';

const grid = (rows: string[]) => ({
  width: rows[0]!.length,
  height: rows.length,
  mask: Uint8Array.from(
    rows
      .join('')
      .split('')
      .map((c) => (c === '.' ? 0 : Number(c))),
  ),
});

describe('connected components', () => {
  it('joins diagonal neighbours under 8-connectivity only', () => {
    const { mask, width, height } = grid(['1..', '.1.', '..1']);
    expect(labelComponents(mask, width, height, 8).count).toBe(1);
    const four = labelComponents(mask, width, height, 4);
    expect(four.count).toBe(3);
    expect(Array.from(four.labels)).toEqual([1, 0, 0, 0, 2, 0, 0, 0, 3]);
  });

  it('merges a U shape whose arms meet only at the bottom', () => {
    const { mask, width, height } = grid(['1.1', '1.1', '111']);
    const result = labelComponents(mask, width, height, 4);
    expect(result.count).toBe(1);
    expect(new Set(result.labels).size).toBe(2);
  });

  it('keeps touching instances apart when asked to compare values', () => {
    const { mask, width, height } = grid(['1122', '1122', '....', '3..3']);
    const merged = labelComponents(mask, width, height, 8);
    expect(merged.count).toBe(3);
    const apart = labelComponents(mask, width, height, 8, true);
    expect(apart.count).toBe(4);
    expect(Array.from(apart.labels.slice(0, 4))).toEqual([1, 1, 2, 2]);
  });
});
