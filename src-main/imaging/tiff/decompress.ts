// Turns one strip or tile as stored in the file into its raw sample bytes, exactly `expected`
// long. Anything that does not decode to the full size is reported as damage: a silently
// zero-filled image is worse for measurement than a clear refusal.
import { inflateSync } from 'node:zlib';
import { fail } from '../errors';
import { TRUNCATED } from './ifd';
import { decodeLzw } from './lzw';
import { decodePackBits } from './packbits';
import { Compression } from './tags';

const DAMAGED = "the TIFF's image data is damaged or cut short";

/** Largest output per input byte for each codec, to refuse impossible headers before allocating. */
export const MAX_EXPANSION: Readonly<Record<number, number>> = {
  [Compression.None]: 1,
  [Compression.PackBits]: 64,
  [Compression.Deflate]: 1032,
  [Compression.DeflateLegacy]: 1032,
  // 12-bit codes for strings of up to 4096 bytes.
  [Compression.Lzw]: 2731,
};

let reversedByte: Uint8Array | null = null;

/** FillOrder 2 stores the first pixel in the lowest bit; we read highest bit first. */
export function reverseBits(src: Uint8Array): Uint8Array {
  if (!reversedByte) {
    reversedByte = new Uint8Array(256);
    for (let i = 0; i < 256; i++) {
      let r = 0;
      for (let b = 0; b < 8; b++) r |= ((i >> b) & 1) << (7 - b);
      reversedByte[i] = r;
    }
  }
  const table = reversedByte;
  return src.map((b) => table[b] ?? 0);
}

/**
 * The chunk's bytes. Uncompressed data is returned as a view into the file unless `writable`,
 * in which case (as for every compressed chunk) it is a fresh, 4-byte aligned array.
 */
export function decompressChunk(
  fileName: string,
  compression: number,
  src: Uint8Array,
  expected: number,
  writable: boolean,
): Uint8Array {
  if (compression === Compression.None) {
    if (src.length < expected) fail(fileName, TRUNCATED);
    return writable ? src.slice(0, expected) : src.subarray(0, expected);
  }
  // A damaged tile size can ask for gigabytes from a few bytes: refuse what the data cannot hold.
  if (src.length * (MAX_EXPANSION[compression] ?? 1) < expected) fail(fileName, DAMAGED);
  const out = new Uint8Array(expected);
  let written: number;
  switch (compression) {
    case Compression.Lzw:
      written = decodeLzw(src, out);
      break;
    case Compression.PackBits:
      written = decodePackBits(src, out);
      break;
    case Compression.Deflate:
    case Compression.DeflateLegacy:
      written = inflateInto(src, out);
      break;
    default:
      return fail(fileName, `the TIFF uses an unknown compression (code ${compression})`);
  }
  if (written < expected) fail(fileName, DAMAGED);
  return out;
}

function inflateInto(src: Uint8Array, out: Uint8Array): number {
  let inflated: Uint8Array;
  try {
    // Some writers pad the last strip to a full strip: allow that much, refuse anything bigger.
    inflated = inflateSync(src, { maxOutputLength: Math.max(out.length * 2, 1024) });
  } catch {
    return -1;
  }
  const n = Math.min(inflated.length, out.length);
  out.set(inflated.subarray(0, n));
  return n;
}
