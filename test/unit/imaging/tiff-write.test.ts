// Our encoder against our decoder, plus the structure other readers rely on. Interoperability
// with Pillow and libtiff is checked in test/integration/imaging/pillow-interop.test.ts.
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../../src-main/imaging/decode';
import { dtypeOf } from '../../../src-main/imaging/raster';
import { encodeTiff, type MaskImage } from '../../../src-main/imaging/tiff-write';
import { TiffContainer } from '../../../src-main/imaging/tiff/ifd';
import { Tag } from '../../../src-main/imaging/tiff/tags';
import { patternRaster } from './helpers/pattern';

const cases: [string, MaskImage, string][] = [
  ['8-bit class mask', { width: 37, height: 23, data: patternRaster('uint8', 37, 23) }, 'uint8'],
  ['16-bit labels', { width: 37, height: 23, data: patternRaster('uint16', 37, 23) }, 'uint16'],
  [
    'float32 probabilities',
    { width: 37, height: 23, data: patternRaster('float32', 37, 23) },
    'float32',
  ],
  [
    '16-bit label stack with many strips',
    { width: 1000, height: 300, pages: 3, data: patternRaster('uint16', 1000, 300, 3) },
    'uint16',
  ],
  ['a 1 x 1 mask', { width: 1, height: 1, data: new Uint8Array([3]) }, 'uint8'],
];

describe('encodeTiff -> decodeImage', () => {
  for (const compression of ['none', 'deflate'] as const) {
    it.each(cases)(`round-trips %s (${compression})`, (_what, img, dtype) => {
      const r = decodeImage(encodeTiff(img, { compression }), 'mask.tif');
      expect([r.width, r.height, r.pages, r.channels, dtypeOf(r)]).toEqual([
        img.width,
        img.height,
        img.pages ?? 1,
        1,
        dtype,
      ]);
      expect(r.data).toEqual(img.data);
    });
  }

  it('keeps every float bit pattern: NaN, infinities, -0, subnormals', () => {
    const data = new Float32Array([NaN, Infinity, -Infinity, -0, 1e-45, 0.5]);
    const r = decodeImage(encodeTiff({ width: 3, height: 2, data }), 'p.tif');
    expect(new Uint8Array(r.data.buffer)).toEqual(new Uint8Array(data.buffer));
  });
});

describe('encodeTiff structure', () => {
  const img = { width: 1000, height: 300, pages: 2, data: patternRaster('uint16', 1000, 300, 2) };
  const bytes = encodeTiff(img, { compression: 'deflate' });
  const file = new TiffContainer(bytes, 'mask.tif');
  const ifds = file.readIfds();

  it('is little endian with one directory per page', () => {
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x49, 0x49, 42, 0]);
    expect(ifds).toHaveLength(2);
    for (const ifd of ifds) expect(ifd.offset % 2).toBe(0);
  });

  it('tags each page as single-channel, min-is-black, unsigned 16-bit Deflate, page n of 2', () => {
    ifds.forEach((ifd, page) => {
      expect(file.number(ifd, Tag.SamplesPerPixel)).toBe(1);
      expect(file.number(ifd, Tag.Photometric)).toBe(1);
      expect(file.number(ifd, Tag.BitsPerSample)).toBe(16);
      expect(file.number(ifd, Tag.SampleFormat)).toBe(1);
      expect(file.number(ifd, Tag.Compression)).toBe(8);
      expect(file.numbers(ifd, Tag.PageNumber)).toEqual([page, 2]);
      expect(file.numbers(ifd, Tag.StripOffsets)!.length).toBeGreaterThan(1);
    });
  });

  it('marks float data with SampleFormat 3', () => {
    const f = encodeTiff({ width: 2, height: 2, data: new Float32Array(4) });
    const c = new TiffContainer(f, 'p.tif');
    const [ifd] = c.readIfds();
    expect(c.number(ifd!, Tag.SampleFormat)).toBe(3);
    expect(c.number(ifd!, Tag.BitsPerSample)).toBe(32);
  });

  it('compresses a mostly empty mask to a small fraction of its size', () => {
    const mask = new Uint8Array(512 * 512);
    mask.fill(1, 1000, 5000);
    const raw = encodeTiff({ width: 512, height: 512, data: mask });
    const packed = encodeTiff({ width: 512, height: 512, data: mask }, { compression: 'deflate' });
    expect(raw.length).toBeGreaterThan(512 * 512);
    expect(packed.length).toBeLessThan(5000);
  });

  it('refuses data whose length does not match the size', () => {
    expect(() => encodeTiff({ width: 4, height: 4, data: new Uint8Array(15) })).toThrow(RangeError);
    expect(() => encodeTiff({ width: 4, height: 4, pages: 2, data: new Uint8Array(16) })).toThrow(
      RangeError,
    );
    expect(() => encodeTiff({ width: 0, height: 4, data: new Uint8Array(0) })).toThrow(RangeError);
  });
});
