// Typed views of the raw page bytes that `images:pixels` sends. The bytes are little endian and
// may sit at any offset inside their buffer; typed arrays need an aligned offset, so misaligned
// bytes are copied once rather than read sample by sample.
import type { ImagePixels, PixelDtype } from '../../../src-preload/contract';

export type PixelArray =
  Uint8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array;

/** One decoded page: the samples (channels interleaved) plus what the display needs. */
export interface DecodedPage {
  imageId: number;
  page: number;
  width: number;
  height: number;
  channels: number;
  dtype: PixelDtype;
  samples: PixelArray;
  /** Smallest and largest finite sample, for slider bounds. */
  min: number;
  max: number;
}

const BYTES_PER_SAMPLE: Record<PixelDtype, number> = {
  uint8: 1,
  uint16: 2,
  int16: 2,
  uint32: 4,
  int32: 4,
  float32: 4,
};

const PLATFORM_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function bytesPerSample(dtype: PixelDtype): number {
  return BYTES_PER_SAMPLE[dtype];
}

function typedView(buffer: ArrayBufferLike, offset: number, length: number, dtype: PixelDtype) {
  switch (dtype) {
    case 'uint8':
      return new Uint8Array(buffer, offset, length);
    case 'uint16':
      return new Uint16Array(buffer, offset, length);
    case 'int16':
      return new Int16Array(buffer, offset, length);
    case 'uint32':
      return new Uint32Array(buffer, offset, length);
    case 'int32':
      return new Int32Array(buffer, offset, length);
    case 'float32':
      return new Float32Array(buffer, offset, length);
  }
}

/** Every platform Electron ships on is little endian; this keeps a big-endian one correct. */
function swapToPlatformOrder(bytes: Uint8Array, size: number): Uint8Array {
  const swapped = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += size) {
    for (let b = 0; b < size; b++) swapped[i + b] = bytes[i + size - 1 - b] as number;
  }
  return swapped;
}

/** A typed array over little-endian sample bytes, sharing memory when the offset allows it. */
export function viewSamples(bytes: Uint8Array, dtype: PixelDtype): PixelArray {
  const size = BYTES_PER_SAMPLE[dtype];
  if (bytes.byteLength % size !== 0) {
    throw new RangeError(`${bytes.byteLength} bytes is not a whole number of ${dtype} samples.`);
  }
  let source = bytes;
  if (size > 1 && !PLATFORM_IS_LITTLE_ENDIAN) source = swapToPlatformOrder(bytes, size);
  else if (source.byteOffset % size !== 0) source = bytes.slice();
  return typedView(source.buffer, source.byteOffset, source.byteLength / size, dtype);
}

/** Smallest and largest finite value; NaN and infinities (float images) are skipped. */
export function sampleRange(samples: PixelArray): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i] as number;
    if (v < min && v !== -Infinity) min = v;
    if (v > max && v !== Infinity) max = v;
  }
  if (min > max) return { min: 0, max: 0 };
  return { min, max };
}

export function decodePage(pixels: ImagePixels): DecodedPage {
  const samples = viewSamples(pixels.data, pixels.dtype);
  const expected = pixels.width * pixels.height * pixels.channels;
  if (samples.length !== expected) {
    throw new RangeError(
      `Expected ${expected} samples for ${pixels.width} x ${pixels.height} x ${pixels.channels}, got ${samples.length}.`,
    );
  }
  const { min, max } = sampleRange(samples);
  return {
    imageId: pixels.imageId,
    page: pixels.page,
    width: pixels.width,
    height: pixels.height,
    channels: pixels.channels,
    dtype: pixels.dtype,
    samples,
    min,
    max,
  };
}

/** The raw channel values at one pixel, or null outside the image. */
export function valuesAt(page: DecodedPage, x: number, y: number): number[] | null {
  if (x < 0 || y < 0 || x >= page.width || y >= page.height) return null;
  const start = (y * page.width + x) * page.channels;
  return Array.from(page.samples.subarray(start, start + page.channels));
}
