import { describe, expect, it } from 'vitest';
import {
  VIRIDIS_RGB,
  colourBarCss,
  colourIndex,
  colourMapHex,
  colourMapIndices,
  colourMapTable,
  renderColourMapRgba,
} from '../../../../src-renderer/src/lib/colormap';

function entry(index: number): number[] {
  return Array.from(VIRIDIS_RGB.subarray(index * 3, index * 3 + 3));
}

describe('viridis table', () => {
  it("holds matplotlib's 256 colours: dark purple, teal in the middle, yellow", () => {
    expect(VIRIDIS_RGB.length).toBe(768);
    expect(entry(0)).toEqual([0x44, 0x01, 0x54]);
    expect(entry(128)).toEqual([0x21, 0x91, 0x8c]);
    expect(entry(255)).toEqual([0xfd, 0xe7, 0x25]);
  });

  it('gets lighter along the map, so larger values always look brighter', () => {
    // Relative luminance of linear sRGB. Rounding to 8 bits leaves a few neighbours equal or a
    // hair apart, so the check is over every 4 entries (1.6% of the range).
    const linear = (c: number) =>
      c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4;
    const luminance = (i: number) => {
      const [r, g, b] = entry(i) as [number, number, number];
      return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    for (let i = 4; i < 256; i++) expect(luminance(i)).toBeGreaterThan(luminance(i - 4));
  });
});

describe('colourIndex', () => {
  it('maps 0..max onto 0..255, rounding and clamping', () => {
    expect(colourIndex(0, 10)).toBe(0);
    expect(colourIndex(5, 10)).toBe(128); // 127.5 rounds up
    expect(colourIndex(1, 10)).toBe(26); // 25.5
    expect(colourIndex(10, 10)).toBe(255);
    expect(colourIndex(25, 10)).toBe(255);
    expect(colourIndex(-3, 10)).toBe(0);
    expect(colourIndex(Number.NaN, 10)).toBe(0);
    expect(colourIndex(3, 0)).toBe(0);
  });
});

describe('renderColourMapRgba', () => {
  it('leaves unpainted (0) and NaN see-through in a weight map', () => {
    const rgba = renderColourMapRgba(new Float32Array([0, 5, 10, Number.NaN]), {
      max: 10,
      zeroIsTransparent: true,
    });
    expect(Array.from(rgba)).toEqual([
      0, 0, 0, 0, 0x21, 0x91, 0x8c, 255, 0xfd, 0xe7, 0x25, 255, 0, 0, 0, 0,
    ]);
  });

  it('colours 0 as the darkest entry in a probability map', () => {
    const rgba = renderColourMapRgba([0, 1], { max: 1, zeroIsTransparent: false });
    expect(Array.from(rgba)).toEqual([0x44, 0x01, 0x54, 255, 0xfd, 0xe7, 0x25, 255]);
  });

  it('refuses an output buffer of the wrong size', () => {
    expect(() =>
      renderColourMapRgba([1, 2], { max: 2, zeroIsTransparent: false }, new Uint8ClampedArray(4)),
    ).toThrow(RangeError);
  });
});

describe('legend colours', () => {
  it('names entries as #rrggbb and builds a left-to-right CSS gradient', () => {
    expect(colourMapHex(0)).toBe('#440154');
    expect(colourMapHex(300)).toBe('#fde725');
    expect(colourBarCss(2)).toBe('linear-gradient(to right, #440154 0%, #fde725 100%)');
    expect(colourBarCss(3)).toBe(
      'linear-gradient(to right, #440154 0%, #21918c 50%, #fde725 100%)',
    );
  });
});

describe('colour map for tiled pages', () => {
  it('colours through entry bytes and the packed table exactly like the RGBA renderer', () => {
    const values = [0, 0.1, 0.5, 0.999, 1, 2, -1];
    const indices = colourMapIndices(values, 1);
    const table = colourMapTable();
    const packed = new Uint8Array(Uint32Array.from(indices, (i) => table[i] as number).buffer);
    const rgba = renderColourMapRgba(values, { max: 1, zeroIsTransparent: false });
    expect(Array.from(packed)).toEqual(Array.from(rgba));
  });
});
