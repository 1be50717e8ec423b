// Hostile and damaged PNGs: each is refused with an ImageReadError whose reason a person can act
// on, before pngjs allocates for a size the file cannot hold. Most were found by the fuzz run
// (test/integration/imaging/fuzz); the comments say what happened before the fix.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../../src-main/imaging/decode';
import { ImageReadError } from '../../../src-main/imaging/errors';
import { craftPng, pngChunk, unfilteredRows } from './helpers/craft-png';

function refusal(bytes: Uint8Array): string {
  try {
    decodeImage(bytes, 'crafted.png');
  } catch (error) {
    expect(error).toBeInstanceOf(ImageReadError);
    return (error as ImageReadError).reason;
  }
  throw new Error('expected the file to be refused');
}

const TOO_LITTLE =
  /^the PNG is damaged or cut short \(it holds too little image data for its size\)$/;
const fourRows = [
  [0, 60, 120, 250],
  [1, 2, 3, 4],
  [9, 9, 9, 9],
  [255, 0, 255, 0],
];

describe('PNG files the studio refuses', () => {
  it('a valid crafted 4 x 4 file decodes (so each refusal below is about its one change)', () => {
    const raster = decodeImage(
      craftPng({ width: 4, height: 4 }, unfilteredRows(fourRows)),
      'ok.png',
    );
    expect(Array.from(raster.data)).toEqual(fourRows.flat());
  });

  it('image data that stops after the first row', () => {
    // pngjs handed back its whole preset buffer: rows 2-4 were uninitialised memory.
    const bytes = craftPng({ width: 4, height: 4 }, unfilteredRows(fourRows.slice(0, 1)));
    expect(refusal(bytes)).toMatch(TOO_LITTLE);
  });

  it('a 69-byte file that claims 30000 x 30000', () => {
    // Before: decoded after 30 s and 6 GB of memory, to an image of zeros.
    const bytes = craftPng({ width: 30_000, height: 30_000 }, new Uint8Array(100));
    expect(bytes.length).toBe(69);
    const started = Date.now();
    expect(refusal(bytes)).toMatch(TOO_LITTLE);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('an interlaced 1 x 1 image with 8 MB of image data (a "zip bomb")', () => {
    // pngjs inflates interlaced data without a limit; a 1 x 1 image needs 2 bytes.
    const bytes = craftPng({ width: 1, height: 1, interlace: 1 }, new Uint8Array(8 * 1024 ** 2));
    expect(bytes.length).toBeLessThan(20_000);
    expect(refusal(bytes)).toBe('the PNG is damaged (it holds more image data than its size)');
  });

  it('a transparency chunk whose length runs past the end of the file', () => {
    // Before: a negative array length, reported as "not enough memory".
    const trns = pngChunk('tRNS', [0, 5]);
    new DataView(trns.buffer).setUint32(0, 0x7ffffff0);
    const bytes = craftPng({ width: 4, height: 4 }, unfilteredRows(fourRows), [trns]);
    expect(refusal(bytes)).toBe('the PNG is damaged or cut short (it could not be decoded)');
  });

  it('a header that claims 100000 x 100000', () => {
    const bytes = craftPng({ width: 100_000, height: 100_000 }, new Uint8Array(100));
    expect(refusal(bytes)).toBe(
      'dimensions 100000 x 100000 are too large: the image would need 37.3 GiB of memory ' +
        '(limit 4.0 GiB)',
    );
  });

  it('a header that claims 32768 x 32768 RGBA, just past the limit once row bytes count', () => {
    const bytes = craftPng({ width: 32_768, height: 32_768, colorType: 6 }, new Uint8Array(100));
    expect(refusal(bytes)).toBe(
      'dimensions 32768 x 32768 are too large: a PNG this size needs more than 4.0 GiB of ' +
        'memory to decode',
    );
  });

  it.each([12, 3, 0])('a bit depth of %i', (depth) => {
    const bytes = craftPng(
      { width: 2, height: 2, depth },
      unfilteredRows([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    );
    expect(refusal(bytes)).toBe(
      `unsupported bit depth: ${depth} bits per sample (a PNG stores 1, 2, 4, 8 or 16)`,
    );
  });

  it('image data that is not Deflate', () => {
    const bytes = craftPng({ width: 4, height: 4 }, unfilteredRows(fourRows));
    const data = deflateSync(unfilteredRows(fourRows));
    const at = Buffer.from(bytes).indexOf(Buffer.from(data));
    bytes.fill(0x55, at, at + data.length);
    expect(refusal(bytes)).toMatch(/^the PNG is damaged or cut short/);
  });
});
