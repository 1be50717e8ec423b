// Valid but unusual images, from decode to what the person sees: 1 x 1 images, an image smaller
// than one tile, float samples with NaN and infinities, colour images whose channels differ,
// and a BigTIFF that claims an impossible size. The odd/ fixtures are written by
// test/fixtures/imaging/odd/make_odd_fixtures.py, whose values are stated again here.
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../../src-main/imaging/decode';
import {
  computeDisplayRange,
  makeThumbnail,
  renderRgba,
  toSingleChannelIfGray,
} from '../../../src-main/imaging/display';
import { ImageReadError } from '../../../src-main/imaging/errors';
import { dtypeOf, type Raster } from '../../../src-main/imaging/raster';
import { withField } from '../../support/fuzz-fields';
import { craftTiff } from '../../unit/imaging/helpers/craft-tiff';
import { fixtureBytes } from '../../unit/imaging/helpers/fixtures';

function decodeFixture(name: string): Raster {
  return decodeImage(fixtureBytes(name), name);
}

function refusal(bytes: Uint8Array): string {
  try {
    decodeImage(bytes, 'odd.tif');
  } catch (error) {
    expect(error).toBeInstanceOf(ImageReadError);
    return (error as ImageReadError).reason;
  }
  throw new Error('expected the file to be refused');
}

describe('1 x 1 images', () => {
  it.each([
    ['odd/u16-1x1.tif', 'uint16', 4242],
    ['odd/u8-1x1.png', 'uint8', 200],
  ])('%s decodes, gets a one-unit window and draws as one opaque pixel', (file, dtype, value) => {
    const raster = decodeFixture(file);
    expect([raster.width, raster.height, raster.channels, dtypeOf(raster)]).toEqual([
      1,
      1,
      1,
      dtype,
    ]);
    expect(Array.from(raster.data)).toEqual([value]);
    const range = computeDisplayRange(raster);
    expect(range).toEqual({ low: value, high: value + 1 });
    expect(Array.from(renderRgba(raster, 0, range))).toEqual([0, 0, 0, 255]);
    const thumbnail = makeThumbnail(raster, range);
    expect([thumbnail.width, thumbnail.height, ...thumbnail.rgba]).toEqual([1, 1, 0, 0, 0, 255]);
  });

  it('a 1 x 1 RGB JPEG keeps its three different channels and draws in colour', () => {
    const raster = decodeFixture('odd/u8-rgb-1x1.jpg');
    expect([raster.width, raster.height, raster.channels]).toEqual([1, 1, 3]);
    const [r, g, b] = Array.from(raster.data);
    // Written as (250, 10, 120) at quality 100; JPEG rounding moves each by a few units.
    expect(Math.abs(r! - 250)).toBeLessThanOrEqual(4);
    expect(Math.abs(g! - 10)).toBeLessThanOrEqual(4);
    expect(Math.abs(b! - 120)).toBeLessThanOrEqual(4);
    expect(toSingleChannelIfGray(raster)).toBe(raster);
    const thumbnail = makeThumbnail(raster, computeDisplayRange(raster));
    const [tr, tg, tb, ta] = thumbnail.rgba;
    expect(tr).toBeGreaterThan(tb!);
    expect(tb).toBeGreaterThan(tg!);
    expect(ta).toBe(255);
  });
});

describe('an image smaller than one tile', () => {
  it('a 5 x 3 image in one 16 x 16 Deflate tile with the predictor decodes exactly', () => {
    const raster = decodeFixture('odd/u16-5x3-one-tile.tif');
    expect([raster.width, raster.height, dtypeOf(raster)]).toEqual([5, 3, 'uint16']);
    const expected = Array.from(
      { length: 15 },
      (_, i) => 1000 + (i % 5) * 7 + Math.floor(i / 5) * 131,
    );
    expect(Array.from(raster.data)).toEqual(expected);
    const thumbnail = makeThumbnail(raster, computeDisplayRange(raster));
    expect([thumbnail.width, thumbnail.height]).toEqual([5, 3]);
  });
});

describe('float samples with NaN and infinities', () => {
  // 4 x 3, sample i = (i - 5.5) / 2, except NaN at (1, 0), +Inf at (2, 1) and -Inf at (3, 2).
  const raster = decodeFixture('odd/f32-nan-inf.tif');
  const special = new Map([
    [1, NaN],
    [6, Infinity],
    [11, -Infinity],
  ]);

  it('decode keeps NaN and both infinities where they were', () => {
    expect([raster.width, raster.height, dtypeOf(raster)]).toEqual([4, 3, 'float32']);
    Array.from(raster.data).forEach((v, i) => expect(v).toBe(special.get(i) ?? (i - 5.5) / 2));
  });

  it('the display window comes from the finite samples only', () => {
    // Finite samples run from -2.75 (i = 0) to 2.25 (i = 10).
    const range = computeDisplayRange(raster);
    expect(range.low).toBeGreaterThanOrEqual(-2.75);
    expect(range.low).toBeLessThan(-2.5);
    expect(range.high).toBeGreaterThan(2);
    expect(range.high).toBeLessThanOrEqual(2.25);
  });

  it('draws NaN and -Inf black, +Inf white, and the thumbnail shows the same', () => {
    const range = computeDisplayRange(raster);
    const rgba = renderRgba(raster, 0, range);
    expect([rgba[1 * 4], rgba[6 * 4], rgba[11 * 4], rgba[10 * 4]]).toEqual([0, 255, 0, 255]);
    const thumbnail = makeThumbnail(raster, range, 4); // full size: one pixel per box
    expect(Array.from(thumbnail.rgba)).toEqual(Array.from(rgba));
  });
});

describe('colour images whose channels differ', () => {
  it.each([
    'u8-rgb.png',
    'u8-rgb.tif',
    'u8-rgb.jpg',
    'u16-rgb-planar.tif',
    'odd/u8-rgb-progressive.jpg',
  ])('%s stays colour', (file) => {
    const raster = decodeFixture(file);
    expect(raster.channels).toBe(3);
    expect(toSingleChannelIfGray(raster)).toBe(raster);
  });

  it('an interlaced 16-bit RGB PNG decodes exactly and stays colour', () => {
    const raster = decodeFixture('odd/u16-rgb-interlaced.png');
    expect([raster.width, raster.height, raster.channels, dtypeOf(raster)]).toEqual([
      11,
      7,
      3,
      'uint16',
    ]);
    let mismatches = 0;
    raster.data.forEach((v, i) => {
      const [p, c] = [Math.floor(i / 3), i % 3];
      const [x, y] = [p % 11, Math.floor(p / 11)];
      if (v !== (x * 4099 + y * 257 + c * 10007) % 65536) mismatches++;
    });
    expect(mismatches).toBe(0);
    expect(toSingleChannelIfGray(raster)).toBe(raster);
  });

  it('a gray-looking RGB TIFF with one blue value off in its last pixel stays colour', () => {
    const rgb = (lastBlue: number) => {
      const data = new Uint8Array(4 * 3 * 3).map((_, i) => Math.floor(i / 3) * 20);
      data[data.length - 1] = lastBlue;
      return craftTiff({ width: 4, height: 3, bits: [8, 8, 8], photometric: 2, data });
    };
    const gray = toSingleChannelIfGray(decodeImage(rgb(11 * 20), 'gray.tif'));
    expect(gray.channels).toBe(1);
    expect(Array.from(gray.data)).toEqual(Array.from({ length: 12 }, (_, p) => p * 20));
    const colour = decodeImage(rgb(11 * 20 + 1), 'colour.tif');
    expect(toSingleChannelIfGray(colour)).toBe(colour);
  });
});

describe('a BigTIFF that claims an impossible size', () => {
  const bigTiff = fixtureBytes('u16-bigtiff.tif');

  it('the unchanged BigTIFF decodes (so each refusal is about its change)', () => {
    expect(decodeImage(bigTiff, 'big.tif').width).toBe(37);
  });

  it('a 64-bit width of 2^40 pixels is refused from the header', () => {
    const long8 = withField(bigTiff, 'tiff', 'IFD 0 ImageWidth type', 16);
    const huge = withField(long8, 'tiff', 'IFD 0 ImageWidth[0]', 2 ** 40);
    expect(refusal(huge)).toBe(
      'dimensions 1099511627776 x 23 are too large (limit 262140 pixels per side)',
    );
  });

  it('a page directory claiming 2^62 entries is refused as cut short', () => {
    const bytes = withField(bigTiff, 'tiff', 'IFD 0 entry count', 2 ** 62);
    expect(refusal(bytes)).toBe('the TIFF is cut short (truncated)');
  });
});
