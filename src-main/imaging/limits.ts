// Sizes are checked from the file's header, before any pixel memory is allocated, so a damaged or
// hostile header cannot make the app try to allocate terabytes.
import { fail } from './errors';

/** Largest side accepted: far beyond any camera or slide scanner tile, small enough to be sane. */
export const MAX_SIDE = 65535 * 4;
/** Largest decoded image (all pages, all channels) held in memory at once. */
export const MAX_DECODED_BYTES = 4 * 1024 ** 3;

export interface DecodedSize {
  width: number;
  height: number;
  channels: number;
  pages: number;
  bytesPerSample: number;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${Math.ceil(bytes / 1024)} KiB`;
}

/** Throws an ImageReadError unless the decoded image would be a sensible size. */
export function checkDecodedSize(fileName: string, size: DecodedSize): number {
  const { width, height } = size;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    fail(fileName, `the image has no pixels (width ${width}, height ${height})`);
  }
  if (width > MAX_SIDE || height > MAX_SIDE) {
    fail(
      fileName,
      `dimensions ${width} x ${height} are too large (limit ${MAX_SIDE} pixels per side)`,
    );
  }
  const bytes = width * height * size.channels * size.pages * size.bytesPerSample;
  if (bytes > MAX_DECODED_BYTES) {
    const pages = size.pages > 1 ? ` x ${size.pages} pages` : '';
    fail(
      fileName,
      `dimensions ${width} x ${height}${pages} are too large: the image would need ` +
        `${formatBytes(bytes)} of memory (limit ${formatBytes(MAX_DECODED_BYTES)})`,
    );
  }
  return bytes;
}
