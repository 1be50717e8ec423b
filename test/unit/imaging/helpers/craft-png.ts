// Builds small PNGs chunk by chunk, so tests can state exactly the damaged or hostile file they
// need (a header that lies about the size, image data that stops early) without a fixture each.
import { crc32, deflateSync } from 'node:zlib';

export interface PngHeaderFields {
  width: number;
  height: number;
  depth?: number;
  colorType?: number;
  interlace?: number;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** One chunk with a correct CRC. */
export function pngChunk(type: string, data: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(Buffer.from(type, 'latin1'), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** Rows as stored before compression: each row is its filter byte (0, none) then its samples. */
export function unfilteredRows(rows: number[][]): Uint8Array {
  return new Uint8Array(rows.flatMap((row) => [0, ...row]));
}

/** A PNG with this header, `rows` deflated as its image data, and any chunks given before it. */
export function craftPng(h: PngHeaderFields, rows: Uint8Array, before: Uint8Array[] = []) {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, h.width);
  view.setUint32(4, h.height);
  header.set([h.depth ?? 8, h.colorType ?? 0, 0, 0, h.interlace ?? 0], 8);
  const parts = [
    new Uint8Array(SIGNATURE),
    pngChunk('IHDR', header),
    ...before,
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', []),
  ];
  return new Uint8Array(Buffer.concat(parts));
}
