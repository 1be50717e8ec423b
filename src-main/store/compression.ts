// Pixel blobs (label tiles, thumbnails, predictions) are stored zlib-deflated. zlib rather than
// raw deflate because its checksum turns a damaged blob into a clear error instead of wrong
// labels.
import { deflateSync, inflateSync } from 'node:zlib';
import { MESSAGES, StoreError } from './store-error';

export function deflateBytes(data: Uint8Array): Buffer {
  return deflateSync(data);
}

/** Inflates a stored blob that must be exactly `expectedLength` bytes. */
export function inflateBytes(blob: Uint8Array, expectedLength: number): Uint8Array {
  let inflated: Buffer;
  try {
    // The limit stops a damaged blob from inflating into gigabytes.
    inflated = inflateSync(blob, { maxOutputLength: Math.max(expectedLength, 1) });
  } catch (error) {
    throw new StoreError('project-corrupt', MESSAGES.corrupt, { cause: error });
  }
  if (inflated.length !== expectedLength) {
    throw new StoreError('project-corrupt', MESSAGES.corrupt);
  }
  // A plain Uint8Array that owns its memory, not a view into a Buffer pool: callers send it
  // across processes.
  return new Uint8Array(inflated);
}
