// pngjs trusts the header. For an image that is not interlaced it sizes its inflate buffer from
// the declared width and height, and it hands back that whole buffer even when the compressed
// data ends early: a short file decodes to uninitialised memory, and a 69-byte file claiming
// 30000 x 30000 takes gigabytes and half a minute. For an interlaced image it inflates without
// any limit, so a small "zip bomb" file takes gigabytes too. So the image data is inflated here
// first, into memory that grows only with the data really present, and measured against the
// size the header declares.
import { constants } from 'node:buffer';
import { inflateSync } from 'node:zlib';
import { fail } from './errors';
import { formatBytes } from './limits';

export const PNG_DAMAGED = 'the PNG is damaged or cut short (it could not be decoded)';
const TOO_LITTLE = 'the PNG is damaged or cut short (it holds too little image data for its size)';

/** Samples per pixel of each PNG colour type (a palette index is one sample). */
const SAMPLES: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export interface PngHeader {
  width: number;
  height: number;
  depth: number;
  colorType: number;
  interlaced: boolean;
}

/** The IDAT chunks joined, or null when the chunk list is damaged (pngjs then says so). */
function imageData(bytes: Uint8Array): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const end = at + 12 + length;
    if (end > bytes.length) return null;
    if (type === 'IDAT') parts.push(bytes.subarray(at + 8, end - 4));
    if (type === 'IEND') break;
    at = end;
  }
  return Buffer.concat(parts);
}

/** The seven Adam7 passes: first column, first row, column step, row step. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** Bytes of filtered image data the header promises: each row starts with a filter byte. */
function filteredSize(header: PngHeader, samples: number): number {
  const rows = (width: number, height: number) =>
    width > 0 && height > 0 ? height * (1 + Math.ceil((width * samples * header.depth) / 8)) : 0;
  if (!header.interlaced) return rows(header.width, header.height);
  let total = 0;
  for (const [x0, y0, dx, dy] of ADAM7) {
    total += rows(Math.ceil((header.width - x0) / dx), Math.ceil((header.height - y0) / dy));
  }
  return total;
}

/** Refuses a PNG whose image data does not fill the image its header declares. */
export function checkImageDataComplete(bytes: Uint8Array, header: PngHeader, fileName: string) {
  const samples = SAMPLES[header.colorType];
  if (samples === undefined) return; // pngjs refuses unknown colour types with the reason
  const data = imageData(bytes);
  if (!data) return;
  const needed = filteredSize(header, samples);
  if (needed > constants.MAX_LENGTH) {
    // Just past the memory limit, which counts pixels but not the byte that starts each row.
    fail(
      fileName,
      `dimensions ${header.width} x ${header.height} are too large: a PNG this size needs more ` +
        `than ${formatBytes(constants.MAX_LENGTH)} of memory to decode`,
    );
  }
  let inflated: number;
  try {
    inflated = inflateSync(data, { maxOutputLength: needed }).length;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      // More data than the image needs: pngjs stops at the image's size, as libpng does, but
      // only when the image is not interlaced; otherwise it would inflate all of it.
      if (!header.interlaced) return;
      return fail(fileName, 'the PNG is damaged (it holds more image data than its size)');
    }
    return fail(fileName, PNG_DAMAGED, error);
  }
  if (inflated < needed) fail(fileName, TOO_LITTLE);
}
