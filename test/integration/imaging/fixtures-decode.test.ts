// Files written by other implementations (tifffile, Pillow + libtiff) decode to exactly the
// values they were given: every byte order, compression, predictor, strip/tile layout and sample
// type the studio promises to read.
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../../src-main/imaging/decode';
import { ImageReadError } from '../../../src-main/imaging/errors';
import { dtypeOf } from '../../../src-main/imaging/raster';
import { fixtureBytes, manifest } from '../../unit/imaging/helpers/fixtures';
import { firstMismatch } from '../../unit/imaging/helpers/pattern';

const entries = manifest();
const readable = entries.filter((e) => !e.error);
const refused = entries.filter((e) => e.error);

describe('fixtures written by tifffile and Pillow', () => {
  it('the manifest lists the cases this suite relies on', () => {
    const files = entries.map((e) => e.file);
    for (const name of [
      'u16-gray-be-tiled-deflate-pred2.tif',
      'f32-gray-lzw-pred3.tif',
      'u16-gray-lzw.tif',
      'u16-gray-packbits.tif',
      'u8-stack3-deflate.tif',
      'u16-rgb-planar.tif',
      'u16-bigtiff.tif',
    ]) {
      expect(files).toContain(name);
    }
  });

  it.each(readable.map((e) => [e.file, e] as const))('%s decodes exactly', (_name, entry) => {
    const raster = decodeImage(fixtureBytes(entry.file), entry.file);
    expect({
      width: raster.width,
      height: raster.height,
      pages: raster.pages,
      channels: raster.channels,
      dtype: dtypeOf(raster),
    }).toEqual({
      width: entry.width,
      height: entry.height,
      pages: entry.pages,
      channels: entry.channels,
      dtype: entry.dtype,
    });
    expect(raster.data.length).toBe(entry.width * entry.height * entry.pages! * entry.channels!);
    expect(firstMismatch(entry, raster)).toBeNull();
  });

  it.each([
    'u16-gray-be-tiled-deflate-pred2.tif',
    'f32-gray-lzw-pred3.tif',
    'u16-gray.png',
    'u8-rgb.jpg',
  ])(
    '%s decodes the same from a view at an odd offset in a larger buffer (as Node Buffers are)',
    (file) => {
      const bytes = fixtureBytes(file);
      const backing = new Uint8Array(bytes.length + 7);
      backing.set(bytes, 3);
      const view = backing.subarray(3, 3 + bytes.length);
      expect(decodeImage(view, file).data).toEqual(decodeImage(bytes, file).data);
    },
  );

  it.each(refused.map((e) => [e.file, e] as const))('%s is refused clearly', (_name, entry) => {
    let caught: unknown;
    try {
      decodeImage(fixtureBytes(entry.file), entry.file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ImageReadError);
    const error = caught as ImageReadError;
    expect(error.fileName).toBe(entry.file);
    expect(error.message).toBe(`${entry.file}: ${error.reason}`);
    expect(error.reason).toContain(entry.error);
  });
});
