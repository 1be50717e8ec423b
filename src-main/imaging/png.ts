// PNG through pngjs, keeping 16-bit samples (skipRescale). pngjs always hands back RGBA, so the
// channels the file really has are picked out again here.
import { PNG } from 'pngjs';
import { fail } from './errors';
import { checkDecodedSize } from './limits';
import { checkImageDataComplete, PNG_DAMAGED as DAMAGED, type PngHeader } from './png-data';
import type { Raster, RasterData } from './raster';

const ColorType = { Gray: 0, Rgb: 2, Palette: 3, GrayAlpha: 4, Rgba: 6 } as const;

function readHeader(bytes: Uint8Array, fileName: string): PngHeader {
  if (bytes.length < 33) fail(fileName, 'the PNG is cut short (truncated)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(...bytes.subarray(12, 16));
  if (type !== 'IHDR') fail(fileName, DAMAGED);
  const depth = bytes[24]!;
  // PNG has no other depths (12-bit camera data is stored as 16-bit); pngjs's own refusal of a
  // damaged header would only say "damaged".
  if (![1, 2, 4, 8, 16].includes(depth)) {
    fail(
      fileName,
      `unsupported bit depth: ${depth} bits per sample (a PNG stores 1, 2, 4, 8 or 16)`,
    );
  }
  return {
    width: view.getUint32(16),
    height: view.getUint32(20),
    depth,
    colorType: bytes[25]!,
    interlaced: bytes[28] !== 0,
  };
}

/**
 * pngjs zeroes every channel of pixels matching a gray or RGB tRNS colour, which would change
 * measured values; the studio ignores transparency, so that chunk is left out before decoding.
 */
function withoutTransparencyChunk(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const end = at + 12 + length;
    if (end > bytes.length) break; // a damaged length: pngjs refuses the file with the reason
    if (type === 'tRNS') {
      const out = new Uint8Array(bytes.length - (end - at));
      out.set(bytes.subarray(0, at));
      out.set(bytes.subarray(end), at);
      return out;
    }
    if (type === 'IDAT' || type === 'IEND') break; // tRNS must come before the image data
    at = end;
  }
  return bytes;
}

function pickChannels(rgba: ArrayLike<number>, pixels: number, keep: number, out: RasterData) {
  for (let p = 0; p < pixels; p++) {
    for (let c = 0; c < keep; c++) out[p * keep + c] = rgba[p * 4 + c]!;
  }
}

export function decodePng(bytes: Uint8Array, fileName: string): Raster {
  const header = readHeader(bytes, fileName);
  const { width, height, depth, colorType } = header;
  const wide = depth === 16;
  // pngjs holds four samples per pixel while decoding, so that is what must fit.
  checkDecodedSize(fileName, {
    width,
    height,
    channels: 4,
    pages: 1,
    bytesPerSample: wide ? 2 : 1,
  });
  checkImageDataComplete(bytes, header, fileName);

  let input = bytes;
  if (colorType === ColorType.Gray || colorType === ColorType.Rgb) {
    input = withoutTransparencyChunk(bytes);
  }
  let decoded: { data: ArrayLike<number> };
  try {
    const buffer = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    decoded = PNG.sync.read(buffer, { skipRescale: true });
  } catch (error) {
    return fail(fileName, DAMAGED, error);
  }
  const rgba = decoded.data;
  const pixels = width * height;

  let channels: number;
  switch (colorType) {
    case ColorType.Gray:
    case ColorType.GrayAlpha: // the alpha of a gray microscopy image carries no measurement
      channels = 1;
      break;
    case ColorType.Rgb:
      channels = 3;
      break;
    case ColorType.Palette: {
      let opaque = true;
      for (let p = 0; p < pixels && opaque; p++) opaque = rgba[p * 4 + 3] === 255;
      channels = opaque ? 3 : 4;
      break;
    }
    default:
      channels = 4;
  }
  const data = wide ? new Uint16Array(pixels * channels) : new Uint8Array(pixels * channels);
  pickChannels(rgba, pixels, channels, data);
  if (depth < 8 && colorType !== ColorType.Palette) {
    // 1, 2 and 4-bit gray are stretched to 0..255, as every viewer (and Pillow) shows them.
    const scale = 255 / (2 ** depth - 1);
    for (let i = 0; i < data.length; i++) data[i] = data[i]! * scale;
  }
  return { width, height, channels, pages: 1, bitDepth: wide ? 16 : 8, sampleFormat: 'uint', data };
}
