// utif (the design card's TIFF library) as an independent second decoder. Our own reader
// replaced it at run time because utif hangs on a truncated LZW strip and zero-fills missing
// data silently; on well-formed files the two must agree exactly.
import UTIF from 'utif';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../../src-main/imaging/decode';
import { sampleBytes } from '../../../src-main/imaging/raster';
import { fixtureBytes } from '../../unit/imaging/helpers/fixtures';

// Little-endian, unsigned, chunky files: the subset utif decodes correctly.
const AGREED = [
  'u8-gray.tif',
  'u8-gray-lzw.tif',
  'u8-gray-packbits.tif',
  'u8-stack3-deflate.tif',
  'u16-gray.tif',
  'u16-gray-lzw.tif',
  'u16-gray-deflate.tif',
  'u16-gray-packbits.tif',
  'u16-gray-strips5-deflate.tif',
  'u16-gray-tiled.tif',
  'u16-stack3-lzw.tif',
];

function utifPages(bytes: Uint8Array): Uint8Array[] {
  const buffer = new Uint8Array(bytes).buffer;
  const ifds = UTIF.decode(buffer);
  return ifds.map((ifd) => {
    UTIF.decodeImage(buffer, ifd);
    return new Uint8Array(ifd.data);
  });
}

describe('our TIFF reader agrees with utif on well-formed files', () => {
  it.each(AGREED)('%s', (name) => {
    const bytes = fixtureBytes(name);
    const ours = decodeImage(bytes, name);
    const theirs = utifPages(bytes);
    expect(theirs).toHaveLength(ours.pages);
    const ourBytes = sampleBytes(ours.data);
    const pageBytes = ourBytes.byteLength / ours.pages;
    theirs.forEach((page, index) => {
      expect(page.byteLength).toBe(pageBytes);
      expect(
        Buffer.compare(page, ourBytes.subarray(index * pageBytes, (index + 1) * pageBytes)),
      ).toBe(0);
    });
  });
});
