// Hostile and unusual TIFF headers: each is refused with an ImageReadError that names the file
// and gives a reason a biologist can act on, before any large allocation and without hanging.
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../../src-main/imaging/decode';
import { ImageReadError } from '../../../src-main/imaging/errors';
import { craftTiff, type CraftOptions } from './helpers/craft-tiff';

function refusal(bytes: Uint8Array, name = 'crafted.tif'): ImageReadError {
  try {
    decodeImage(bytes, name);
  } catch (error) {
    expect(error).toBeInstanceOf(ImageReadError);
    const e = error as ImageReadError;
    expect(e.fileName).toBe(name);
    expect(e.message).toBe(`${name}: ${e.reason}`);
    return e;
  }
  throw new Error('expected the file to be refused');
}

const small = (extra: Partial<CraftOptions> = {}): CraftOptions => ({
  width: 4,
  height: 3,
  data: new Uint8Array(12),
  ...extra,
});

const NO_STRIPS = [273, 278, 279].map((tag) => ({ tag, values: [] }));

/** A tiled page: the tile size as given, tiles of `tileBytes` each, one after the other. */
const tiled = (o: CraftOptions, tile: [number, number], tiles: number, tileBytes: number) => ({
  ...o,
  data: new Uint8Array(tiles * tileBytes),
  tags: [
    ...NO_STRIPS,
    { tag: 322, type: 4 as const, values: [tile[0]] },
    { tag: 323, type: 4 as const, values: [tile[1]] },
    {
      tag: 324,
      type: 4 as const,
      values: Array.from({ length: tiles }, (_, i) => 8 + i * tileBytes),
    },
    { tag: 325, type: 4 as const, values: new Array<number>(tiles).fill(tileBytes) },
  ],
});

describe('TIFF headers the studio refuses', () => {
  it('a valid baseline crafted file decodes (so the refusals below are about their one change)', () => {
    const data = new Uint8Array(12).map((_, i) => i * 20);
    const raster = decodeImage(craftTiff(small({ data })), 'ok.tif');
    expect(Array.from(raster.data)).toEqual(Array.from(data));
  });

  it.each<[string, CraftOptions, RegExp]>([
    [
      '64-bit float samples',
      small({ bits: 64, sampleFormat: 3, data: new Uint8Array(96) }),
      /^unsupported sample format: 64-bit float$/,
    ],
    ['16-bit float samples', small({ bits: 16, sampleFormat: 3 }), /16-bit float/],
    ['64-bit integers', small({ bits: 64, data: new Uint8Array(96) }), /64-bit unsigned integer/],
    ['complex samples', small({ bits: 32, sampleFormat: 6 }), /complex numbers/],
    ['12-bit samples', small({ bits: 12 }), /unsupported bit depth: 12 bits per sample/],
    ['4-bit samples', small({ bits: 4 }), /unsupported bit depth: 4 bits per sample/],
    [
      'channels of different depths',
      small({ bits: [8, 8, 16], photometric: 2 }),
      /different bit depths \(8, 8, 16\)/,
    ],
    [
      'two gray channels per pixel',
      small({ bits: [8, 8], samplesPerPixel: 2 }),
      /each pixel holds 2 gray values/,
    ],
    [
      'a 1,000,000 x 1,000,000 image',
      { width: 1_000_000, height: 1_000_000, data: new Uint8Array(16) },
      /^dimensions 1000000 x 1000000 are too large \(limit 262140 pixels per side\)$/,
    ],
    [
      'a 70,000 x 70,000 16-bit image (over the memory limit)',
      { width: 70_000, height: 70_000, bits: 16, data: new Uint8Array(16) },
      /dimensions 70000 x 70000 are too large: the image would need 9\.1 GiB of memory/,
    ],
    [
      'a 60,000 x 60,000 image with a few bytes of LZW data',
      { width: 60_000, height: 60_000, compression: 5, data: new Uint8Array(16) },
      /holds too little image data for its size/,
    ],
    ['zero width', small({ width: 0 }), /^the image has no pixels \(width 0, height 3\)$/],
    ['zero height', small({ height: 0 }), /no pixels \(width 4, height 0\)/],
    ['no width at all', small({ tags: [{ tag: 256, values: [] }] }), /no width or height/],
    ['Zstandard compression', small({ compression: 50000 }), /Zstandard compression/],
    ['old-style JPEG compression', small({ compression: 6 }), /old-style JPEG compression/],
    ['an unknown compression', small({ compression: 12345 }), /unknown compression \(code 12345\)/],
    ['a CMYK colour model', small({ bits: [8, 8, 8, 8], photometric: 5 }), /colour model CMYK/],
    ['a LogL colour model', small({ photometric: 32844 }), /colour model LogL/],
    ['a 4-bit palette', small({ bits: 4, photometric: 3 }), /4-bit palette/],
    ['a palette without colours', small({ photometric: 3 }), /no complete colour table/],
    ['a page list that loops back', small({ nextIfd: 'self' }), /loops back on itself/],
    ['a next page beyond the end', small({ nextIfd: 1_000_000 }), /cut short \(truncated\)/],
    [
      'a strip beyond the end of the file',
      small({ tags: [{ tag: 273, values: [5000] }] }),
      /cut short \(truncated\)/,
    ],
    [
      'a strip shorter than the image',
      small({ tags: [{ tag: 279, values: [5] }] }),
      /cut short \(truncated\)/,
    ],
    [
      'a strip table with too few strips',
      small({ rowsPerStrip: 1 }),
      /table of image data blocks is incomplete/,
    ],
    [
      'LZW data that starts with an impossible code',
      small({ compression: 5, data: new Uint8Array(12).fill(0xff) }),
      /image data is damaged or cut short/,
    ],
    [
      'a PackBits literal run past the end of the data',
      small({ compression: 32773, data: new Uint8Array([20, 1, 2]) }),
      /image data is damaged or cut short/,
    ],
    // Found by the fuzz run (test/integration/imaging/fuzz): each used to end in the catch-all.
    [
      'a sample count stored as a rational over zero (NaN)',
      small({ tags: [{ tag: 277, type: 5, values: [0, 0] }] }),
      /^the TIFF is damaged \(tag 277 holds an impossible value\)$/,
    ],
    [
      'a width of 5/2 pixels',
      small({ tags: [{ tag: 256, type: 5, values: [5, 2] }] }),
      /^the TIFF is damaged \(tag 256 holds an impossible value\)$/,
    ],
    [
      'compressed tiles 2^28 pixels wide for a 4 x 3 image (no petabyte allocation)',
      tiled(small({ compression: 8 }), [2 ** 28, 2 ** 28], 1, 12),
      /^the TIFF's image data is damaged or cut short$/,
    ],
    [
      '1-bit tiles 17 pixels wide (they do not start on a byte)',
      tiled({ width: 37, height: 1, bits: 1 }, [17, 16], 3, 48),
      /^the TIFF is damaged \(its tiles do not start on a byte\)$/,
    ],
    [
      'Deflate data that is not Deflate',
      small({ compression: 8, data: new Uint8Array(12).fill(0x55) }),
      /image data is damaged or cut short/,
    ],
  ])('%s', (_what, options, reason) => {
    const started = Date.now();
    expect(refusal(craftTiff(options)).reason).toMatch(reason);
    expect(Date.now() - started).toBeLessThan(5_000); // refused from the header, nothing decoded
  });

  it('refuses a header cut inside the page directory', () => {
    const whole = craftTiff(small());
    expect(refusal(whole.subarray(0, whole.length - 20)).reason).toMatch(/cut short \(truncated\)/);
  });
});
