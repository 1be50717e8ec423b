// The in-memory image every reader produces and every consumer (display, engine, store) takes.
// Samples keep the file's own type so 16-bit and float data are never squeezed into 8 bits.
import type { PixelDtype, SampleFormat } from '../../src-preload/contract/schemas';

export type { PixelDtype, SampleFormat };

export type RasterData =
  Uint8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array;

export type BitDepth = 8 | 16 | 32;

export interface Raster {
  width: number;
  height: number;
  channels: number;
  pages: number;
  bitDepth: BitDepth;
  sampleFormat: SampleFormat;
  /** pages*height*width*channels samples; page-major, row-major, channels interleaved. */
  data: RasterData;
}

export function dtypeFor(bitDepth: BitDepth, sampleFormat: SampleFormat): PixelDtype {
  if (sampleFormat === 'float') {
    if (bitDepth !== 32) throw new RangeError(`no ${bitDepth}-bit float pixel type`);
    return 'float32';
  }
  if (bitDepth === 8) {
    if (sampleFormat === 'int') throw new RangeError('no signed 8-bit pixel type');
    return 'uint8';
  }
  return `${sampleFormat}${bitDepth}` as PixelDtype;
}

export function dtypeOf(r: Raster): PixelDtype {
  return dtypeFor(r.bitDepth, r.sampleFormat);
}

export function bytesPerSample(dtype: PixelDtype): 1 | 2 | 4 {
  switch (dtype) {
    case 'uint8':
      return 1;
    case 'uint16':
    case 'int16':
      return 2;
    default:
      return 4;
  }
}

/** Fresh zeroed storage; callers check the size against the limits first. */
export function allocateSamples(dtype: PixelDtype, length: number): RasterData {
  switch (dtype) {
    case 'uint8':
      return new Uint8Array(length);
    case 'uint16':
      return new Uint16Array(length);
    case 'int16':
      return new Int16Array(length);
    case 'uint32':
      return new Uint32Array(length);
    case 'int32':
      return new Int32Array(length);
    case 'float32':
      return new Float32Array(length);
  }
}

export function samplesPerPage(r: Raster): number {
  return r.width * r.height * r.channels;
}

/** One page of the stack, sharing memory with the raster. */
export function pageView(r: Raster, page: number): RasterData {
  if (!Number.isInteger(page) || page < 0 || page >= r.pages) {
    throw new RangeError(`page ${page} is outside 0..${r.pages - 1}`);
  }
  const n = samplesPerPage(r);
  return r.data.subarray(page * n, (page + 1) * n);
}

/** The samples as bytes (little endian on every platform Electron runs on), without copying. */
export function sampleBytes(data: RasterData): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** The Raster fields that describe a pixel type. */
export function rasterTypeOf(dtype: PixelDtype): {
  bitDepth: BitDepth;
  sampleFormat: SampleFormat;
} {
  const bitDepth = (bytesPerSample(dtype) * 8) as BitDepth;
  const sampleFormat = dtype === 'float32' ? 'float' : dtype.startsWith('int') ? 'int' : 'uint';
  return { bitDepth, sampleFormat };
}
