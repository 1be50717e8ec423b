// A reference TIFF LZW encoder written from libtiff's tif_lzw.c (MSB-first codes, early change,
// Clear when the table fills), used only to test the decoder on inputs of any shape.

export function encodeLzw(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  let acc = 0;
  let accBits = 0;
  const put = (code: number, width: number) => {
    acc = (acc << width) | code;
    accBits += width;
    while (accBits >= 8) {
      out.push((acc >>> (accBits - 8)) & 0xff);
      accBits -= 8;
    }
    acc &= (1 << accBits) - 1;
  };
  let width = 9;
  let next = 258;
  let table = new Map<number, number>();
  const added = () => {
    next++;
    if (next === 4095) {
      put(256, width);
      table = new Map();
      next = 258;
      width = 9;
    } else if (next > (1 << width) - 1) {
      width++;
    }
  };
  put(256, width);
  let prefix = -1;
  for (const b of data) {
    if (prefix < 0) {
      prefix = b;
      continue;
    }
    const key = prefix * 256 + b;
    const hit = table.get(key);
    if (hit !== undefined) {
      prefix = hit;
      continue;
    }
    put(prefix, width);
    table.set(key, next);
    added();
    prefix = b;
  }
  if (prefix >= 0) {
    put(prefix, width);
    added();
  }
  put(257, width);
  if (accBits > 0) out.push((acc << (8 - accBits)) & 0xff);
  return new Uint8Array(out);
}
