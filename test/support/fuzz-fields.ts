// Where the header fields of a TIFF, PNG or JPEG sit, so the mutator can aim at the values a
// reader trusts (sizes, offsets, counts, bit depths, table lengths) instead of flipping random
// pixel bytes that only change what the image looks like. The walks are tolerant and bounded:
// they run on files already damaged by earlier mutations and simply stop where a file stops
// making sense.
import { crc32 } from 'node:zlib';
import { Tag } from '../../src-main/imaging/tiff/tags';

export interface Field {
  at: number;
  size: 1 | 2 | 4 | 8;
  littleEndian: boolean;
  /** What the field is, for the reproducer, e.g. "IFD 0 StripOffsets[1]". */
  label: string;
}

/** A whole structure (a chunk, a segment, a directory, a strip) to duplicate or remove. */
export interface Span {
  at: number;
  length: number;
  label: string;
}

export interface FileMap {
  fields: Field[];
  spans: Span[];
}

export type Format = 'tiff' | 'png' | 'jpeg';

const TAG_NAMES = new Map<number, string>(Object.entries(Tag).map(([name, tag]) => [tag, name]));

/** Tags whose out-of-line values (strip tables, bit depths) are worth aiming at one by one. */
const ARRAY_TAGS = new Set<number>([
  Tag.BitsPerSample,
  Tag.StripOffsets,
  Tag.StripByteCounts,
  Tag.TileOffsets,
  Tag.TileByteCounts,
  Tag.SampleFormat,
  Tag.ExtraSamples,
]);

const TYPE_SIZE: Readonly<Record<number, 1 | 2 | 4 | 8>> = {
  1: 1, 2: 1, 3: 2, 4: 4, 5: 4, 6: 1, 7: 1, 8: 2, 9: 4, 10: 4, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8,
  18: 8,
}; // prettier-ignore

export function readField(bytes: Uint8Array, f: Field): number {
  return readUint(bytes, f.at, f.size, f.littleEndian);
}

/** Writes `value` (wrapped to the field's width) in the field's byte order. */
export function writeField(bytes: Uint8Array, f: Field, value: number): void {
  let v = BigInt(Math.max(0, Math.floor(value))) & ((1n << BigInt(f.size * 8)) - 1n);
  for (let i = 0; i < f.size; i++) {
    bytes[f.littleEndian ? f.at + i : f.at + f.size - 1 - i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/** The file with one field, found by its label, set to `value`; throws when there is no such field. */
export function withField(
  bytes: Uint8Array,
  format: Format,
  label: string,
  value: number,
): Uint8Array {
  const field = mapFile(bytes, format).fields.find((f) => f.label === label);
  if (!field) throw new Error(`no field "${label}" in this ${format} file`);
  const out = bytes.slice();
  writeField(out, field, value);
  return out;
}

export function mapFile(bytes: Uint8Array, format: Format): FileMap {
  const map: FileMap = { fields: [], spans: [] };
  if (format === 'tiff') mapTiff(bytes, map);
  else if (format === 'png') mapPng(bytes, map);
  else mapJpeg(bytes, map);
  return map;
}

function readUint(bytes: Uint8Array, at: number, size: number, le: boolean): number {
  let v = 0;
  for (let i = 0; i < size; i++) v = v * 256 + bytes[le ? at + size - 1 - i : at + i]!;
  return v;
}

function mapTiff(bytes: Uint8Array, map: FileMap): void {
  if (bytes.length < 8) return;
  const le = bytes[0] === 0x49;
  const big = readUint(bytes, 2, 2, le) === 43;
  const word = big ? 8 : 4;
  const field = (at: number, size: 1 | 2 | 4 | 8, label: string) => {
    if (at >= 0 && at + size <= bytes.length)
      map.fields.push({ at, size, littleEndian: le, label });
  };
  field(2, 2, 'TIFF version');
  let pointer = big ? 8 : 4;
  const seen = new Set<number>();
  for (let page = 0; page < 8 && pointer + word <= bytes.length; page++) {
    field(pointer, word, page === 0 ? 'first IFD offset' : `IFD ${page - 1} next IFD offset`);
    const offset = readUint(bytes, pointer, word, le);
    if (offset === 0 || seen.has(offset) || offset + (big ? 8 : 2) > bytes.length) return;
    seen.add(offset);
    const countSize = big ? 8 : 2;
    const entrySize = big ? 20 : 12;
    field(offset, countSize, `IFD ${page} entry count`);
    const count = Math.min(readUint(bytes, offset, countSize, le), 200);
    const end = offset + countSize + count * entrySize;
    map.spans.push({
      at: offset,
      length: Math.min(end + word, bytes.length) - offset,
      label: `IFD ${page}`,
    });
    for (let i = 0; i < count; i++) {
      const at = offset + countSize + i * entrySize;
      if (at + entrySize > bytes.length) return;
      mapTiffEntry(bytes, map, { at, le, big, page }, field);
    }
    pointer = end;
  }
}

function mapTiffEntry(
  bytes: Uint8Array,
  map: FileMap,
  e: { at: number; le: boolean; big: boolean; page: number },
  field: (at: number, size: 1 | 2 | 4 | 8, label: string) => void,
): void {
  const { at, le, big, page } = e;
  const word = big ? 8 : 4;
  const tag = readUint(bytes, at, 2, le);
  const type = readUint(bytes, at + 2, 2, le);
  const name = `IFD ${page} ${TAG_NAMES.get(tag) ?? `tag ${tag}`}`;
  field(at, 2, `${name} tag number`);
  field(at + 2, 2, `${name} type`);
  field(at + 4, word, `${name} count`);
  const size = TYPE_SIZE[type];
  if (!size) return;
  const count = readUint(bytes, at + 4, word, le);
  const valueField = at + 4 + word;
  if (count * size <= word) {
    for (let i = 0; i < Math.min(count, word / size); i++) {
      field(valueField + i * size, size, `${name}[${i}]`);
    }
    return;
  }
  field(valueField, word, `${name} value offset`);
  const values = readUint(bytes, valueField, word, le);
  if (!ARRAY_TAGS.has(tag)) return;
  for (let i = 0; i < Math.min(count, 4); i++) field(values + i * size, size, `${name}[${i}]`);
  if (tag === Tag.StripOffsets || tag === Tag.TileOffsets) {
    const first = readUint(bytes, values, Math.min(size, 8), le);
    if (first < bytes.length) map.spans.push({ at: first, length: 64, label: `${name} data` });
  }
}

const PNG_SIGNATURE_LENGTH = 8;

/** Calls `visit` for each chunk whose header fits in the file: (start, data length, type). */
export function pngChunks(
  bytes: Uint8Array,
  visit: (at: number, length: number, type: string) => void,
): void {
  let at = PNG_SIGNATURE_LENGTH;
  for (let n = 0; n < 10_000 && at + 12 <= bytes.length; n++) {
    const length = readUint(bytes, at, 4, false);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    visit(at, length, type);
    if (at + 12 + length > bytes.length) return;
    at += 12 + length;
  }
}

function mapPng(bytes: Uint8Array, map: FileMap): void {
  pngChunks(bytes, (at, length, type) => {
    const field = (offset: number, size: 1 | 4, label: string) => {
      if (at + offset + size <= bytes.length) {
        map.fields.push({ at: at + offset, size, littleEndian: false, label: `${type} ${label}` });
      }
    };
    field(0, 4, 'length');
    map.spans.push({ at, length: Math.min(12 + length, bytes.length - at), label: type });
    if (type === 'IHDR') {
      field(8, 4, 'width');
      field(12, 4, 'height');
      ['bit depth', 'colour type', 'compression', 'filter', 'interlace'].forEach((label, i) =>
        field(16 + i, 1, label),
      );
    } else if (type === 'IDAT') {
      field(8, 1, 'zlib CMF');
      field(9, 1, 'zlib FLG');
      field(10, 1, 'first row filter');
    }
  });
}

/** Every chunk's CRC made right again, so a mutation reaches the decoder past the CRC check. */
export function fixPngCrcs(bytes: Uint8Array): void {
  pngChunks(bytes, (at, length) => {
    const end = at + 8 + length;
    if (end + 4 > bytes.length) return;
    const crc = crc32(bytes.subarray(at + 4, end));
    for (let i = 0; i < 4; i++) bytes[end + i] = (crc >>> (24 - 8 * i)) & 0xff;
  });
}

const JPEG_NAMES: Readonly<Record<number, string>> = {
  0xc4: 'DHT',
  0xdb: 'DQT',
  0xda: 'SOS',
  0xdd: 'DRI',
};

function jpegName(marker: number): string {
  if (marker >= 0xc0 && marker <= 0xcf && !JPEG_NAMES[marker]) {
    return `SOF${marker - 0xc0}`;
  }
  return JPEG_NAMES[marker] ?? `marker ${marker.toString(16)}`;
}

function mapJpeg(bytes: Uint8Array, map: FileMap): void {
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    if (
      marker === 0xff ||
      marker === 0xd8 ||
      marker === 0x01 ||
      (marker >= 0xd0 && marker <= 0xd7)
    ) {
      at += marker === 0xff ? 1 : 2;
      continue;
    }
    if (marker === 0xd9) return;
    const name = jpegName(marker);
    const length = readUint(bytes, at + 2, 2, false);
    const field = (offset: number, size: 1 | 2, label: string) => {
      if (at + offset + size <= bytes.length) {
        map.fields.push({ at: at + offset, size, littleEndian: false, label: `${name} ${label}` });
      }
    };
    field(1, 1, 'marker'); // e.g. a baseline frame turned lossless, arithmetic or progressive
    field(2, 2, 'length');
    map.spans.push({ at, length: Math.min(2 + length, bytes.length - at), label: name });
    mapJpegSegment(bytes, at, marker, field);
    at += 2 + length;
    if (marker === 0xda) {
      const start = at;
      // Entropy-coded data runs to the next marker that is neither a stuffed 0 nor a restart.
      while (at + 1 < bytes.length) {
        const next = bytes[at + 1]!;
        if (bytes[at] === 0xff && next !== 0 && !(next >= 0xd0 && next <= 0xd7)) break;
        at++;
      }
      map.spans.push({ at: start, length: at - start, label: 'scan data' });
    }
  }
}

function mapJpegSegment(
  bytes: Uint8Array,
  at: number,
  marker: number,
  field: (offset: number, size: 1 | 2, label: string) => void,
): void {
  const isFrame =
    marker >= 0xc0 && marker <= 0xcf && !JPEG_NAMES[marker] && marker !== 0xc8 && marker !== 0xcc;
  if (isFrame) {
    field(4, 1, 'precision');
    field(5, 2, 'height');
    field(7, 2, 'width');
    field(9, 1, 'component count');
    const components = Math.min(bytes[at + 9] ?? 0, 4);
    for (let c = 0; c < components; c++) {
      field(10 + c * 3, 1, `component ${c} id`);
      field(11 + c * 3, 1, `component ${c} sampling`);
      field(12 + c * 3, 1, `component ${c} table`);
    }
  } else if (marker === 0xc4) {
    field(4, 1, 'class and id');
    for (let i = 0; i < 16; i += 3) field(5 + i, 1, `count of ${i + 1}-bit codes`);
    field(21, 1, 'first symbol');
  } else if (marker === 0xdb) {
    field(4, 1, 'precision and id');
    field(5, 1, 'first value');
    field(6, 1, 'second value');
  } else if (marker === 0xda) {
    field(4, 1, 'component count');
    const components = Math.min(bytes[at + 4] ?? 0, 4);
    for (let c = 0; c < components; c++) {
      field(5 + c * 2, 1, `component ${c} selector`);
      field(6 + c * 2, 1, `component ${c} tables`);
    }
    field(5 + components * 2, 1, 'spectral start');
    field(6 + components * 2, 1, 'spectral end');
    field(7 + components * 2, 1, 'approximation');
  } else if (marker === 0xdd) {
    field(4, 2, 'restart interval');
  }
}
