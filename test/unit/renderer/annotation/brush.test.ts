import { describe, expect, it } from 'vitest';
import {
  MAX_BRUSH_SIZE,
  brushCentre,
  paintCapsule,
  stepBrushSize,
  type ImagePoint,
} from '../../../../src-renderer/src/lib/annotation/brush';
import { LabelPainter } from '../../../../src-renderer/src/lib/annotation/label-change';
import { PixelSet, isConnected, rowsFromMap } from './helpers';

function stamp(at: ImagePoint, size: number): PixelSet {
  const set = new PixelSet();
  paintCapsule(set, at, at, size);
  return set;
}

/** The definition, checked pixel by pixel: centre within size/2 of the snapped segment. */
function referenceCapsule(from: ImagePoint, to: ImagePoint, size: number): Set<string> {
  const a = brushCentre(from, size);
  const b = brushCentre(to, size);
  const r = size / 2;
  const out = new Set<string>();
  for (let y = Math.floor(Math.min(a.y, b.y) - r) - 1; y <= Math.max(a.y, b.y) + r + 1; y++) {
    for (let x = Math.floor(Math.min(a.x, b.x) - r) - 1; x <= Math.max(a.x, b.x) + r + 1; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const t =
        dx === 0 && dy === 0
          ? 0
          : Math.max(0, Math.min(1, ((px - a.x) * dx + (py - a.y) * dy) / (dx * dx + dy * dy)));
      if (Math.hypot(px - (a.x + t * dx), py - (a.y + t * dy)) <= r) out.add(`${x},${y}`);
    }
  }
  return out;
}

describe('brushCentre', () => {
  it('puts odd sizes on the pixel centre and even sizes on the nearest corner', () => {
    expect(brushCentre({ x: 10.9, y: 3.1 }, 3)).toEqual({ x: 10.5, y: 3.5 });
    expect(brushCentre({ x: 10.9, y: 3.1 }, 4)).toEqual({ x: 11, y: 3 });
  });
});

describe('brush stamps', () => {
  it('size 1 paints exactly the pixel under the pointer, wherever in it the pointer is', () => {
    for (const at of [
      { x: 7, y: 4 },
      { x: 7.99, y: 4.99 },
      { x: 7.5, y: 4.01 },
    ]) {
      expect([...stamp(at, 1).pixels]).toEqual(['7,4']);
    }
  });

  it('size 2 is a 2x2 square and size 3 a 3x3 square', () => {
    expect(stamp({ x: 10.2, y: 10.4 }, 2).relativeTo(10, 10)).toEqual(
      ['-1,-1', '-1,0', '0,-1', '0,0'].sort(),
    );
    expect(stamp({ x: 10.2, y: 10.4 }, 3).relativeTo(10, 10)).toHaveLength(9);
  });

  it('size 4 drops the four corners of its 4x4 box (12 pixels)', () => {
    const offsets = stamp({ x: 20, y: 20 }, 4).relativeTo(20, 20);
    expect(offsets).toHaveLength(12);
    for (const corner of ['-2,-2', '1,-2', '-2,1', '1,1']) expect(offsets).not.toContain(corner);
  });

  it('size 5 is the 21-pixel disc, symmetric around the pixel under the pointer', () => {
    const offsets = stamp({ x: 30.7, y: 30.2 }, 5).relativeTo(30, 30);
    const expected: string[] = [];
    for (let dy = -2; dy <= 2; dy++) {
      for (let dx = -2; dx <= 2; dx++) if (dx * dx + dy * dy <= 6.25) expected.push(`${dx},${dy}`);
    }
    expect(offsets).toEqual(expected.sort());
    expect(offsets).toHaveLength(21);
  });
});

describe('stroke segments', () => {
  const segments: [ImagePoint, ImagePoint][] = [
    [
      { x: 3.2, y: 4.7 },
      { x: 41.6, y: 19.3 },
    ],
    [
      { x: 40.1, y: 2.2 },
      { x: 5.9, y: 33.8 },
    ],
    [
      { x: 10.5, y: 10.5 },
      { x: 10.5, y: 40.5 },
    ],
    [
      { x: 2, y: 30 },
      { x: 47, y: 30 },
    ],
    [
      { x: 12.3, y: 12.8 },
      { x: 13.1, y: 12.2 },
    ],
  ];

  it('paint exactly the capsule around the snapped segment', () => {
    for (const size of [1, 2, 3, 4, 7, 10, 15]) {
      for (const [from, to] of segments) {
        const painted = new PixelSet();
        paintCapsule(painted, from, to, size);
        expect([...painted.pixels].sort()).toEqual([...referenceCapsule(from, to, size)].sort());
      }
    }
  });

  it('leave no gap when the pointer jumps far between two events', () => {
    const from = { x: 2.3, y: 3.7 };
    const to = { x: 90.1, y: 47.2 };
    const thin = new PixelSet();
    paintCapsule(thin, from, to, 1);
    // A one-pixel line: one pixel in every column, joined at least through corners.
    for (let x = 2; x <= 90; x++) {
      expect([...thin.pixels].some((p) => p.startsWith(`${x},`))).toBe(true);
    }
    expect(isConnected(thin.pixels, 8)).toBe(true);
    const wide = new PixelSet();
    paintCapsule(wide, from, to, 3);
    expect(isConnected(wide.pixels, 4)).toBe(true);
    // Both end stamps are whole.
    for (const p of stamp(from, 3).pixels) expect(wide.pixels.has(p)).toBe(true);
    for (const p of stamp(to, 3).pixels) expect(wide.pixels.has(p)).toBe(true);
  });

  it('clip at the image edges and paint labels into the map', () => {
    const map = new Uint8Array(6 * 4);
    const painter = new LabelPainter(map, 6, 4, 2);
    paintCapsule(painter, { x: -0.5, y: 0.5 }, { x: 2.5, y: 0.5 }, 3);
    expect(rowsFromMap(map, 6)).toEqual(['2222..', '2222..', '......', '......']);
  });

  it('erase: painting 0 makes pixels unpainted and records what they held', () => {
    const map = new Uint8Array(5 * 3).fill(1);
    map[7] = 2;
    const eraser = new LabelPainter(map, 5, 3, 0);
    paintCapsule(eraser, { x: 1.5, y: 1.5 }, { x: 3.5, y: 1.5 }, 1);
    expect(rowsFromMap(map, 5)).toEqual(['11111', '1...1', '11111']);
    const change = eraser.finish();
    expect(Array.from(change?.indices ?? [])).toEqual([6, 7, 8]);
    expect(Array.from(change?.before ?? [])).toEqual([1, 2, 1]);
    expect(Array.from(change?.after ?? [])).toEqual([0, 0, 0]);
  });
});

describe('stepBrushSize', () => {
  it('steps by one while small, by about a fifth when large, and comes back the same way', () => {
    expect(stepBrushSize(1, 1)).toBe(2);
    expect(stepBrushSize(1, -1)).toBe(1);
    expect(stepBrushSize(20, 1)).toBe(24);
    expect(stepBrushSize(MAX_BRUSH_SIZE, 1)).toBe(MAX_BRUSH_SIZE);
    for (let size = 1; size < 150; size++) {
      expect(stepBrushSize(stepBrushSize(size, 1), -1)).toBe(size);
    }
  });
});
