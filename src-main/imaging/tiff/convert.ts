// From the file's samples to the raster's: expands 1-bit and palette images, turns
// white-is-zero gray around, widens signed 8-bit to 16-bit, drops an alpha stored beside gray and
// interleaves separately stored channels. Pages that need none of this skip this file entirely.
import type { RasterData } from '../raster';
import type { PageLayout } from './page-layout';
import { Photometric, SampleFormatCode } from './tags';

type FileSamples =
  Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array;

/** True when the decoded bytes already are the raster's samples, in the raster's order. */
export function isDirectLayout(layout: PageLayout): boolean {
  return (
    !layout.planar &&
    layout.bitsPerSample >= 8 &&
    (layout.photometric === Photometric.BlackIsZero || layout.photometric === Photometric.Rgb) &&
    layout.outChannels === layout.samplesPerPixel &&
    !(layout.bitsPerSample === 8 && layout.sampleFormat === SampleFormatCode.Int)
  );
}

function unpackBits(bytes: Uint8Array, width: number, height: number): Uint8Array {
  const rowBytes = Math.ceil(width / 8);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      out[y * width + x] = (bytes[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
    }
  }
  return out;
}

/** Views a plane (fresh, aligned, little endian) as the file's sample type. */
function viewSamples(plane: Uint8Array, layout: PageLayout): FileSamples {
  const { bitsPerSample: bits, sampleFormat: format } = layout;
  const { buffer, byteOffset, byteLength } = plane;
  if (bits === 1) return unpackBits(plane, layout.width, layout.height);
  if (bits === 8) {
    return format === SampleFormatCode.Int ? new Int8Array(buffer, byteOffset, byteLength) : plane;
  }
  if (bits === 16) {
    const n = byteLength / 2;
    return format === SampleFormatCode.Int
      ? new Int16Array(buffer, byteOffset, n)
      : new Uint16Array(buffer, byteOffset, n);
  }
  const n = byteLength / 4;
  if (format === SampleFormatCode.Float) return new Float32Array(buffer, byteOffset, n);
  return format === SampleFormatCode.Int
    ? new Int32Array(buffer, byteOffset, n)
    : new Uint32Array(buffer, byteOffset, n);
}

/** Writes one page into `out` starting at sample `outOffset`. `planes` has one entry per plane. */
export function convertPage(
  layout: PageLayout,
  planes: Uint8Array[],
  out: RasterData,
  outOffset: number,
): void {
  const pixels = layout.width * layout.height;
  const views = planes.map((plane) => viewSamples(plane, layout));
  const spp = layout.samplesPerPixel;
  const outChannels = layout.outChannels;

  if (layout.colorMap) {
    const map = layout.colorMap;
    const indices = views[0]!;
    for (let p = 0; p < pixels; p++) {
      const index = indices[p]!;
      for (let k = 0; k < 3; k++) out[outOffset + p * 3 + k] = map[k * 256 + index]! >> 8;
    }
    return;
  }

  const inverted = layout.photometric === Photometric.WhiteIsZero;
  // 1-bit samples were unpacked to 0/1, so their "maximum" is 1 and 255 is the output scale.
  const max = layout.bitsPerSample === 1 ? 1 : 2 ** layout.bitsPerSample - 1;
  const scale = layout.bitsPerSample === 1 ? 255 : 1;
  for (let c = 0; c < outChannels; c++) {
    const src = layout.planar ? views[c]! : views[0]!;
    const step = layout.planar ? 1 : spp;
    const first = layout.planar ? 0 : c;
    for (let p = 0; p < pixels; p++) {
      const v = src[first + p * step]!;
      out[outOffset + p * outChannels + c] = (inverted ? max - v : v) * scale;
    }
  }
}
