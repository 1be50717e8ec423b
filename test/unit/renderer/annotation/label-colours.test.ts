import { describe, expect, it } from 'vitest';
import {
  buildColourTable,
  colouriseRect,
  hexToRgb,
} from '../../../../src-renderer/src/lib/annotation/label-colours';
import {
  CLASS_COLOURS,
  distinctColour,
  newClass,
  nextFreeIndex,
  uniqueName,
} from '../../../../src-renderer/src/lib/annotation/class-set';

const classes = [
  { index: 1, name: 'Background', colour: '#3b82f6' },
  { index: 2, name: 'Foreground', colour: '#f59e0b' },
];

describe('colouriseRect', () => {
  it('gives each class its colour, opaque, and leaves unpainted pixels transparent', () => {
    const map = new Uint8Array([0, 1, 2, 9, 2, 1, 0, 0]);
    const rgba = colouriseRect(
      map,
      4,
      { x: 1, y: 0, width: 3, height: 2 },
      buildColourTable(classes),
    );
    expect(Array.from(rgba)).toEqual([
      ...[0x3b, 0x82, 0xf6, 255],
      ...[0xf5, 0x9e, 0x0b, 255],
      // A value with no class (one removed) stays visible in magenta.
      ...[255, 0, 255, 255],
      ...[0x3b, 0x82, 0xf6, 255],
      ...[0, 0, 0, 0],
      ...[0, 0, 0, 0],
    ]);
  });

  it('reads #rrggbb', () => {
    expect(hexToRgb('#0a80FF')).toEqual([10, 128, 255]);
  });
});

describe('adding a class', () => {
  it('takes the lowest free value, a colour not in use and a name not taken', () => {
    expect(nextFreeIndex(classes)).toBe(3);
    expect(nextFreeIndex([{ index: 2, name: 'B', colour: '#000000' }])).toBe(1);
    expect(distinctColour(classes)).toBe(CLASS_COLOURS[2]);
    expect(
      uniqueName([...classes, { index: 3, name: 'class 4', colour: '#000000' }], 'Class 4'),
    ).toBe('Class 4 (2)');
    expect(newClass(classes)).toEqual({ index: 3, name: 'Class 3', colour: CLASS_COLOURS[2] });
  });

  it('refuses once all 255 values are used, and still finds a distinct colour when the palette is spent', () => {
    const full = Array.from({ length: 255 }, (_, i) => ({
      index: i + 1,
      name: `C${i}`,
      colour: CLASS_COLOURS[i % CLASS_COLOURS.length] as string,
    }));
    expect(newClass(full)).toBeNull();
    const colour = distinctColour(full.slice(0, CLASS_COLOURS.length));
    expect(CLASS_COLOURS).not.toContain(colour);
    expect(colour).toMatch(/^#[0-9a-f]{6}$/);
  });
});
