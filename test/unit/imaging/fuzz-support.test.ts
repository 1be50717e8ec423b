// The fuzz run (test/integration/imaging/fuzz) is only as good as its mutator: it must find the
// header fields it aims at, rebuild the same case from the same numbers, and get damaged PNGs
// past the CRC check so the damage reaches the decoder.
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { fixPngCrcs, mapFile, readField, type Format } from '../../support/fuzz-fields';
import { mutate } from '../../support/fuzz-mutate';
import { caseSeed, seededRandom } from '../../support/fuzz-random';
import { fixtureBytes } from './helpers/fixtures';

function fieldValues(file: string, format: Format): Map<string, number> {
  const bytes = fixtureBytes(file);
  return new Map(mapFile(bytes, format).fields.map((f) => [f.label, readField(bytes, f)]));
}

describe('the fuzz mutator', () => {
  it.each<[string, Format, Record<string, number>]>([
    ['u16-gray-lzw.tif', 'tiff', { 'IFD 0 ImageWidth[0]': 37, 'IFD 0 Compression[0]': 5 }],
    ['u16-bigtiff.tif', 'tiff', { 'TIFF version': 43, 'IFD 0 ImageLength[0]': 23 }],
    ['u16-stack3-lzw.tif', 'tiff', { 'IFD 2 ImageWidth[0]': 37, 'IFD 2 next IFD offset': 0 }],
    ['u8-rgb.png', 'png', { 'IHDR width': 37, 'IHDR height': 23, 'IHDR colour type': 2 }],
    ['u8-rgb.jpg', 'jpeg', { 'SOF0 width': 37, 'SOF0 height': 23, 'SOF0 precision': 8 }],
  ])('finds the header fields of %s', (file, format, expected) => {
    const values = fieldValues(file, format);
    for (const [label, value] of Object.entries(expected)) expect(values.get(label)).toBe(value);
  });

  it('rebuilds the same case from the same numbers, and a different one from the next', () => {
    const seed = fixtureBytes('u16-gray-lzw.tif');
    const make = (n: number) => mutate(seed, 'tiff', seededRandom(caseSeed(7, n)));
    expect(make(41)).toEqual(make(41));
    expect(make(41).bytes).not.toEqual(make(42).bytes);
  });

  it('makes the CRCs of a PNG right again', () => {
    const original = fixtureBytes('u8-gray.png');
    const bytes = original.slice();
    bytes[29]! ^= 0xff; // inside the header chunk's CRC
    expect(() => PNG.sync.read(Buffer.from(bytes))).toThrow(); // pngjs checks every CRC
    fixPngCrcs(bytes);
    expect(bytes).toEqual(original);
  });
});
