// Writes masks, label maps and probability maps as plain single-channel TIFFs that ImageJ/Fiji,
// Pillow, tifffile and libtiff all read: little endian, min-is-black, one sample per pixel, the
// SampleFormat tag set, strips of about 64 KiB, optionally Deflate-compressed, one page per plane.
// (utif's encoder writes big-endian 8-bit RGBA only, so this small writer is our own.)
import { deflateSync } from 'node:zlib';
import { writeFileAtomic } from './atomic-write';
import { Compression, FieldType, Photometric, SampleFormatCode, Tag } from './tiff/tags';

export interface MaskImage {
  width: number;
  height: number;
  /** 8-bit class masks, 16-bit instance labels or 32-bit float probabilities; pages*height*width. */
  data: Uint8Array | Uint16Array | Float32Array;
  pages?: number;
}

export interface TiffWriteOptions {
  compression?: 'none' | 'deflate';
}

const STRIP_BYTES = 64 * 1024;
const SOFTWARE = 'U-Net Studio';

interface Entry {
  tag: number;
  type: number;
  values: number[];
}

const TYPE_SIZE: Readonly<Record<number, number>> = {
  [FieldType.ASCII]: 1,
  [FieldType.SHORT]: 2,
  [FieldType.LONG]: 4,
};

function sampleType(data: MaskImage['data']): { bits: number; format: number } {
  if (data instanceof Uint8Array) return { bits: 8, format: SampleFormatCode.Uint };
  if (data instanceof Uint16Array) return { bits: 16, format: SampleFormatCode.Uint };
  if (data instanceof Float32Array) return { bits: 32, format: SampleFormatCode.Float };
  throw new TypeError('mask data must be a Uint8Array, Uint16Array or Float32Array');
}

/** An IFD with its out-of-line values placed right after it; `at` is its file offset. */
function encodeIfd(entries: Entry[], at: number): { bytes: Uint8Array; nextField: number } {
  entries.sort((a, b) => a.tag - b.tag);
  const tableBytes = 2 + entries.length * 12 + 4;
  let extraBytes = 0;
  for (const e of entries) {
    const size = e.values.length * TYPE_SIZE[e.type]!;
    if (size > 4) extraBytes += size + (size & 1);
  }
  const bytes = new Uint8Array(tableBytes + extraBytes);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, entries.length, true);
  let extra = tableBytes;
  entries.forEach((e, i) => {
    const p = 2 + i * 12;
    const size = e.values.length * TYPE_SIZE[e.type]!;
    view.setUint16(p, e.tag, true);
    view.setUint16(p + 2, e.type, true);
    view.setUint32(p + 4, e.values.length, true);
    let valueAt = p + 8;
    if (size > 4) {
      view.setUint32(p + 8, at + extra, true);
      valueAt = extra;
      extra += size + (size & 1);
    }
    e.values.forEach((v, k) => {
      if (e.type === FieldType.ASCII) view.setUint8(valueAt + k, v);
      else if (e.type === FieldType.SHORT) view.setUint16(valueAt + k * 2, v, true);
      else view.setUint32(valueAt + k * 4, v, true);
    });
  });
  return { bytes, nextField: 2 + entries.length * 12 };
}

function checkImage(img: MaskImage): number {
  const pages = img.pages ?? 1;
  for (const [name, v] of [
    ['width', img.width],
    ['height', img.height],
    ['pages', pages],
  ] as const) {
    if (!Number.isInteger(v) || v < 1)
      throw new RangeError(`mask ${name} must be a positive integer`);
  }
  if (img.data.length !== img.width * img.height * pages) {
    throw new RangeError(
      `mask data holds ${img.data.length} samples, expected ${img.width} x ${img.height} x ${pages}`,
    );
  }
  return pages;
}

export function encodeTiff(img: MaskImage, options: TiffWriteOptions = {}): Uint8Array {
  const pages = checkImage(img);
  const { bits, format } = sampleType(img.data);
  const deflate = options.compression === 'deflate';
  const rowBytes = (img.width * bits) / 8;
  const rowsPerStrip = Math.max(1, Math.min(img.height, Math.floor(STRIP_BYTES / rowBytes)));
  const pageBytes = rowBytes * img.height;
  // Samples go out as they are in memory: little endian on every platform the studio runs on.
  const raw = new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength);
  const software = Array.from(`${SOFTWARE}\0`, (c) => c.charCodeAt(0));

  const parts: Uint8Array[] = [];
  const header = new Uint8Array([0x49, 0x49, 42, 0, 0, 0, 0, 0]);
  parts.push(header);
  let position = header.length;
  let previousNext: { view: DataView; at: number } = { view: new DataView(header.buffer), at: 4 };

  for (let page = 0; page < pages; page++) {
    const offsets: number[] = [];
    const counts: number[] = [];
    for (let y = 0; y < img.height; y += rowsPerStrip) {
      const start = page * pageBytes + y * rowBytes;
      const end = start + Math.min(rowsPerStrip, img.height - y) * rowBytes;
      const strip = deflate ? deflateSync(raw.subarray(start, end)) : raw.subarray(start, end);
      offsets.push(position);
      counts.push(strip.length);
      parts.push(strip);
      position += strip.length;
    }
    if (position & 1) {
      parts.push(new Uint8Array(1)); // IFDs start on a word boundary
      position++;
    }
    const entries: Entry[] = [
      { tag: Tag.NewSubfileType, type: FieldType.LONG, values: [0] },
      { tag: Tag.ImageWidth, type: FieldType.LONG, values: [img.width] },
      { tag: Tag.ImageLength, type: FieldType.LONG, values: [img.height] },
      { tag: Tag.BitsPerSample, type: FieldType.SHORT, values: [bits] },
      {
        tag: Tag.Compression,
        type: FieldType.SHORT,
        values: [deflate ? Compression.Deflate : Compression.None],
      },
      { tag: Tag.Photometric, type: FieldType.SHORT, values: [Photometric.BlackIsZero] },
      { tag: Tag.StripOffsets, type: FieldType.LONG, values: offsets },
      { tag: Tag.SamplesPerPixel, type: FieldType.SHORT, values: [1] },
      { tag: Tag.RowsPerStrip, type: FieldType.LONG, values: [rowsPerStrip] },
      { tag: Tag.StripByteCounts, type: FieldType.LONG, values: counts },
      { tag: Tag.PlanarConfiguration, type: FieldType.SHORT, values: [1] },
      { tag: Tag.Software, type: FieldType.ASCII, values: software },
      { tag: Tag.SampleFormat, type: FieldType.SHORT, values: [format] },
    ];
    if (pages > 1)
      entries.push({ tag: Tag.PageNumber, type: FieldType.SHORT, values: [page, pages] });
    const ifd = encodeIfd(entries, position);
    previousNext.view.setUint32(previousNext.at, position, true);
    previousNext = { view: new DataView(ifd.bytes.buffer), at: ifd.nextField };
    parts.push(ifd.bytes);
    position += ifd.bytes.length;
  }
  if (position > 0xffffffff) throw new RangeError('mask too large for a TIFF file (over 4 GiB)');

  const out = new Uint8Array(position);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Encodes and writes atomically: the file is either the old one or the complete new one. */
export async function writeTiffFile(
  path: string,
  img: MaskImage,
  options?: TiffWriteOptions,
): Promise<void> {
  await writeFileAtomic(path, encodeTiff(img, options));
}
