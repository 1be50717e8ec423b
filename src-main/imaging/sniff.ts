// Files are recognised by their first bytes, never by extension: microscopes and people rename
// files freely, and a wrong guess should give a clear message, not a garbled image.

export type ImageFormat = 'tiff' | 'png' | 'jpeg';

export type Sniffed =
  | { kind: 'image'; format: ImageFormat }
  | { kind: 'empty' }
  | { kind: 'other'; description: string | null };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Formats people commonly mistake for readable images, named so the message can say what it is. */
const KNOWN_OTHERS: { magic: string; offset?: number; description: string }[] = [
  { magic: 'GIF8', description: 'a GIF image' },
  { magic: 'BM', description: 'a BMP image' },
  { magic: 'WEBP', offset: 8, description: 'a WebP image' },
  { magic: '%PDF', description: 'a PDF document' },
  { magic: 'PK\x03\x04', description: 'a ZIP archive' },
  { magic: 'ZISRAWFILE', description: 'a Zeiss CZI file' },
  { magic: '\x89HDF', description: 'an HDF5 file' },
  { magic: '\x00\x00\x00\x0cjP  ', description: 'a JPEG 2000 image' },
  { magic: '\x8aMNG', description: 'an MNG animation' },
];

function startsWith(bytes: Uint8Array, magic: ArrayLike<number>, offset = 0): boolean {
  if (bytes.length < offset + magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[offset + i] !== magic[i]) return false;
  return true;
}

function asciiCodes(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

/** True when the start of the file reads as text (UTF-8 or ASCII), e.g. a CSV renamed to .tif. */
function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 512);
  for (const b of head) {
    const control = b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d;
    if (control || b === 0x7f) return false;
  }
  try {
    // A multi-byte character may be cut at the end of the window; that still counts as text.
    new TextDecoder('utf-8', { fatal: true }).decode(
      head.subarray(0, Math.max(0, head.length - 3)),
    );
    return true;
  } catch {
    return false;
  }
}

export function sniffFormat(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return { kind: 'empty' };
  // Classic TIFF (42) and BigTIFF (43), either byte order.
  if (
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) ||
    startsWith(bytes, [0x49, 0x49, 0x2b, 0x00]) ||
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2b])
  ) {
    return { kind: 'image', format: 'tiff' };
  }
  if (startsWith(bytes, PNG_SIGNATURE)) return { kind: 'image', format: 'png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'image', format: 'jpeg' };
  for (const other of KNOWN_OTHERS) {
    if (startsWith(bytes, asciiCodes(other.magic), other.offset)) {
      return { kind: 'other', description: other.description };
    }
  }
  if (looksLikeText(bytes)) return { kind: 'other', description: 'a text file' };
  return { kind: 'other', description: null };
}
