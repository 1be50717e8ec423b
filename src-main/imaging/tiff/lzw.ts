// TIFF's LZW variant (MSB-first codes, 9 to 12 bits, "early change"). Written here rather than
// taken from utif because utif's decoder loops forever on data that ends without an end code.
// This one stops at the end of the input or when the output is full, whichever comes first.

const CLEAR = 256;
const END = 257;
const FIRST_FREE = 258;
const MAX_CODES = 4096;

/** Returns the number of bytes written to `out`, or -1 when the data is not valid LZW. */
export function decodeLzw(src: Uint8Array, out: Uint8Array): number {
  const prefix = new Uint16Array(MAX_CODES);
  const suffix = new Uint8Array(MAX_CODES);
  const first = new Uint8Array(MAX_CODES);
  const length = new Uint16Array(MAX_CODES);
  for (let i = 0; i < 256; i++) {
    suffix[i] = i;
    first[i] = i;
    length[i] = 1;
  }
  const totalBits = src.length * 8;
  let bitPos = 0;
  let width = 9;
  let next = FIRST_FREE;
  let previous = -1;
  let written = 0;

  while (written < out.length && bitPos + width <= totalBits) {
    const byte = bitPos >>> 3;
    const window = ((src[byte] ?? 0) << 16) | ((src[byte + 1] ?? 0) << 8) | (src[byte + 2] ?? 0);
    const code = (window >>> (24 - (bitPos & 7) - width)) & ((1 << width) - 1);
    bitPos += width;

    if (code === END) break;
    if (code === CLEAR) {
      width = 9;
      next = FIRST_FREE;
      previous = -1;
      continue;
    }
    if (previous < 0) {
      if (code > 255) return -1;
      out[written++] = code;
      previous = code;
      continue;
    }
    let entry: number;
    if (code < next) {
      entry = code;
      if (next < MAX_CODES) addEntry(next, previous, first[code] ?? 0);
    } else if (code === next && next < MAX_CODES) {
      // The "KwKwK" case: the code being defined is used at once.
      addEntry(next, previous, first[previous] ?? 0);
      entry = code;
    } else {
      return -1;
    }
    if (next < MAX_CODES) next++;
    written = writeEntry(entry, written);
    // Early change: the width grows one code before the table needs it.
    if (next + 1 >= 1 << width && width < 12) width++;
    previous = code;
  }
  return written;

  function addEntry(code: number, before: number, last: number): void {
    prefix[code] = before;
    suffix[code] = last;
    first[code] = first[before] ?? 0;
    length[code] = (length[before] ?? 0) + 1;
  }

  function writeEntry(code: number, at: number): number {
    const n = length[code] ?? 0;
    let c = code;
    for (let i = n - 1; i >= 0; i--) {
      if (at + i < out.length) out[at + i] = suffix[c] ?? 0;
      c = prefix[c] ?? 0;
    }
    return Math.min(at + n, out.length);
  }
}
