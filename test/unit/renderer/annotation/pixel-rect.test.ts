import { describe, expect, it } from 'vitest';
import { intersectRects } from '../../../../src-renderer/src/lib/annotation/pixel-rect';

describe('intersectRects', () => {
  it('gives the pixels both cover', () => {
    expect(
      intersectRects({ x: 0, y: 0, width: 10, height: 10 }, { x: 5, y: 8, width: 10, height: 10 }),
    ).toEqual({ x: 5, y: 8, width: 5, height: 2 });
    expect(
      intersectRects({ x: 2, y: 2, width: 2, height: 2 }, { x: 0, y: 0, width: 10, height: 10 }),
    ).toEqual({ x: 2, y: 2, width: 2, height: 2 });
  });

  it('is null for rects that only touch or do not meet', () => {
    expect(
      intersectRects({ x: 0, y: 0, width: 5, height: 5 }, { x: 5, y: 0, width: 5, height: 5 }),
    ).toBeNull();
    expect(
      intersectRects({ x: 0, y: 0, width: 5, height: 5 }, { x: 9, y: 9, width: 1, height: 1 }),
    ).toBeNull();
  });
});
