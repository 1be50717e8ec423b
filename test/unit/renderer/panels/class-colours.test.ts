import { describe, expect, it } from 'vitest';
import {
  classColourTable,
  classPalette,
  parseHexColour,
  renderClassRgba,
} from '../../../../src-renderer/src/lib/class-colours';

const classes = [
  { index: 1, name: 'Background', colour: '#1F77B4' },
  { index: 3, name: 'Nucleus', colour: '#ff0000' },
];

describe('parseHexColour', () => {
  it('reads #rrggbb in either case and refuses anything else', () => {
    expect(parseHexColour('#FF8800')).toEqual([255, 136, 0]);
    expect(parseHexColour('#0a0b0c')).toEqual([10, 11, 12]);
    expect(() => parseHexColour('#fff')).toThrow(RangeError);
    expect(() => parseHexColour('red')).toThrow(RangeError);
  });
});

describe('classPalette', () => {
  it('keeps 0 see-through, colours defined classes, and shows unknown ones magenta like labels', () => {
    const palette = classPalette(classes);
    expect(palette.length).toBe(1024);
    expect(Array.from(palette.subarray(0, 4))).toEqual([0, 0, 0, 0]);
    expect(Array.from(palette.subarray(4, 8))).toEqual([31, 119, 180, 255]);
    expect(Array.from(palette.subarray(8, 12))).toEqual([255, 0, 255, 255]);
    expect(Array.from(palette.subarray(12, 16))).toEqual([255, 0, 0, 255]);
    expect(Array.from(palette.subarray(1020, 1024))).toEqual([255, 0, 255, 255]);
  });
});

describe('renderClassRgba', () => {
  it('turns class indices into RGBA through the palette', () => {
    const rgba = renderClassRgba(new Uint8Array([0, 1, 3, 2]), classPalette(classes));
    expect(Array.from(rgba)).toEqual([
      0, 0, 0, 0, 31, 119, 180, 255, 255, 0, 0, 255, 255, 0, 255, 255,
    ]);
  });

  it('refuses an output buffer of the wrong size', () => {
    expect(() =>
      renderClassRgba(new Uint8Array(2), classPalette([]), new Uint8ClampedArray(4)),
    ).toThrow(RangeError);
  });
});

describe('classColourTable', () => {
  it('packs the palette as the label layer packs its colours, 0 still see-through', () => {
    const table = classColourTable(classes);
    const bytes = new Uint8Array(table.buffer);
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0, 0, 0, 0]);
    expect(Array.from(bytes.subarray(12, 16))).toEqual([255, 0, 0, 255]);
    expect(Array.from(bytes)).toEqual(Array.from(classPalette(classes)));
  });
});
