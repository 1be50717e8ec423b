// Damaged copies of valid files (bytes flipped, files cut anywhere) must either decode or be
// refused with an ImageReadError: never another exception, never a hang. For TIFF, which is our
// own reader, every refusal must come from an explicit check rather than the catch-all.
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../../src-main/imaging/decode';
import { ImageReadError } from '../../../src-main/imaging/errors';
import { fixtureBytes } from '../../unit/imaging/helpers/fixtures';

const CATCH_ALL = 'the file is damaged and could not be decoded';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function damagedCopies(bytes: Uint8Array, seed: number, count: number): Uint8Array[] {
  const next = random(seed);
  const copies: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 4 === 3) {
      copies.push(bytes.subarray(0, 4 + Math.floor(next() * (bytes.length - 4))));
      continue;
    }
    const copy = bytes.slice();
    const flips = 1 + Math.floor(next() * 4);
    for (let f = 0; f < flips; f++) {
      // Headers and directories are where damage is most dangerous: aim half the flips there.
      const span = next() < 0.5 ? Math.min(copy.length, 256) : copy.length;
      copy[4 + Math.floor(next() * (span - 4))] = Math.floor(next() * 256);
    }
    copies.push(copy);
  }
  return copies;
}

const FILES = [
  'u16-gray-lzw.tif',
  'u16-gray-be-tiled-deflate-pred2.tif',
  'u16-stack3-lzw.tif',
  'u16-rgb-planar.tif',
  'u16-bigtiff.tif',
  'f32-gray-lzw-pred3.tif',
  'u16-gray-packbits.tif',
  'u8-palette.tif',
  'bilevel-miniswhite.tif',
  'u8-rgb.png',
  'u16-gray.png',
  'u8-rgb.jpg',
];

describe('damaged files', () => {
  it.each(FILES.map((f, i) => [f, i] as const))('%s: 300 damaged copies never crash', (file, i) => {
    const outcomes = { decoded: 0, refused: 0 };
    for (const copy of damagedCopies(fixtureBytes(file), 1000 + i, 300)) {
      try {
        const r = decodeImage(copy, file);
        expect(r.data.length).toBe(r.width * r.height * r.channels * r.pages);
        outcomes.decoded++;
      } catch (error) {
        if (!(error instanceof ImageReadError)) throw error;
        if (file.endsWith('.tif') && error.reason === CATCH_ALL) throw error.cause;
        outcomes.refused++;
      }
    }
    expect(outcomes.decoded + outcomes.refused).toBe(300);
    expect(outcomes.refused).toBeGreaterThan(0);
  });
});
