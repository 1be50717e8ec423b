// JPEG through jpeg-js. The frame header is read here first: it gives the size (checked before
// jpeg-js allocates), the component count (jpeg-js always returns RGB) and the variants jpeg-js
// cannot decode, which get a clear refusal instead of a cryptic error.
import jpeg from 'jpeg-js';
import { fail } from './errors';
import { checkDecodedSize } from './limits';
import type { Raster } from './raster';

const DAMAGED = 'the JPEG is damaged or cut short (it could not be decoded)';

interface Frame {
  marker: number;
  precision: number;
  width: number;
  height: number;
  components: number;
  /** Horizontal and vertical sampling factors of each component, as stored (1 to 4 when valid). */
  sampling: { h: number; v: number }[];
}

function readFrame(bytes: Uint8Array, fileName: string): Frame {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return fail(fileName, DAMAGED);
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image, or scan data before any frame
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    const isFrame =
      marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (at + 10 > bytes.length) break;
      const components = bytes[at + 9]!;
      if (at + 10 + 3 * components > bytes.length) break;
      const sampling = Array.from({ length: components }, (_, c) => {
        const factors = bytes[at + 11 + 3 * c]!;
        return { h: factors >> 4, v: factors & 15 };
      });
      return {
        marker,
        precision: bytes[at + 4]!,
        height: (bytes[at + 5]! << 8) | bytes[at + 6]!,
        width: (bytes[at + 7]! << 8) | bytes[at + 8]!,
        components,
        sampling,
      };
    }
    at += 2 + length;
  }
  return fail(fileName, DAMAGED);
}

function checkFrame(frame: Frame, fileName: string): void {
  const lossless = [0xc3, 0xc7, 0xcb, 0xcf].includes(frame.marker);
  if (lossless) fail(fileName, 'lossless JPEG is not supported (save the image as TIFF or PNG)');
  if (frame.marker >= 0xc9) {
    fail(fileName, 'arithmetic-coded JPEG is not supported (save the image as TIFF or PNG)');
  }
  if (frame.precision !== 8) {
    fail(fileName, `unsupported bit depth: ${frame.precision}-bit JPEG (save the image as TIFF)`);
  }
  if (frame.components === 4) {
    fail(fileName, 'colour model CMYK is not supported (the studio reads gray and RGB JPEGs)');
  }
  if (frame.components !== 1 && frame.components !== 3) {
    fail(fileName, `a JPEG with ${frame.components} colour components is not supported`);
  }
}

/**
 * Refuses a frame that the file cannot hold. jpeg-js allocates every block of the declared frame
 * before it reads any image data, so a 618-byte file that claims 20000 x 20000 keeps it busy for
 * minutes. Each 8 x 8 block of each component takes at least one bit of coded data (a Huffman
 * code is never shorter), which gives a floor for the file's size.
 */
function checkDataForFrame(frame: Frame, fileLength: number, fileName: string): void {
  const valid = (f: number) => f >= 1 && f <= 4;
  if (!frame.sampling.every((s) => valid(s.h) && valid(s.v))) {
    fail(fileName, 'the JPEG is damaged (its colour sampling factors are impossible)');
  }
  const maxH = Math.max(...frame.sampling.map((s) => s.h));
  const maxV = Math.max(...frame.sampling.map((s) => s.v));
  let blocks = 0;
  for (const { h, v } of frame.sampling) {
    const across = Math.ceil(Math.ceil((frame.width * h) / maxH) / 8);
    const down = Math.ceil(Math.ceil((frame.height * v) / maxV) / 8);
    blocks += across * down;
  }
  if (fileLength * 8 < blocks) {
    fail(
      fileName,
      'the JPEG is damaged or cut short (it holds too little image data for its size)',
    );
  }
}

/**
 * Cameras and programs write 1 scan (baseline) or about 10 (progressive). jpeg-js walks every
 * block of the image once per scan, so a small file with thousands of scans (each a few bytes of
 * "end of band" runs) keeps it busy for minutes. libjpeg-turbo caps scans for the same reason.
 */
export const MAX_JPEG_SCANS = 500;

/** Start-of-scan markers: in coded data 0xFF is always followed by 0x00 or a restart marker. */
function countScans(bytes: Uint8Array): number {
  let scans = 0;
  for (let i = 0; i + 1 < bytes.length; i++)
    if (bytes[i] === 0xff && bytes[i + 1] === 0xda) scans++;
  return scans;
}

export function decodeJpeg(bytes: Uint8Array, fileName: string): Raster {
  const frame = readFrame(bytes, fileName);
  checkFrame(frame, fileName);
  const { width, height } = frame;
  const channels = frame.components;
  // jpeg-js holds its RGB output plus about two bytes per sample of coefficients.
  const budget = checkDecodedSize(fileName, {
    width,
    height,
    channels: 3,
    pages: 1,
    bytesPerSample: 3,
  });
  checkDataForFrame(frame, bytes.length, fileName);
  const scans = countScans(bytes);
  if (scans > MAX_JPEG_SCANS) {
    fail(
      fileName,
      `the JPEG is damaged (it has ${scans} image scans; real images have at most a few dozen)`,
    );
  }

  let rgb: Uint8Array;
  try {
    rgb = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      tolerantDecoding: false,
      maxResolutionInMP: Math.ceil((width * height) / 1e6) + 1,
      maxMemoryUsageInMB: Math.ceil(budget / 1024 ** 2) + 64,
    }).data;
  } catch (error) {
    return fail(fileName, DAMAGED, error);
  }
  const pixels = width * height;
  if (rgb.length < pixels * 3) fail(fileName, DAMAGED);
  if (channels === 3) {
    const data = rgb.length === pixels * 3 ? rgb : rgb.slice(0, pixels * 3);
    return { width, height, channels, pages: 1, bitDepth: 8, sampleFormat: 'uint', data };
  }
  const data = new Uint8Array(pixels);
  for (let p = 0; p < pixels; p++) data[p] = rgb[p * 3]!;
  return { width, height, channels: 1, pages: 1, bitDepth: 8, sampleFormat: 'uint', data };
}
