// Apple PackBits run-length coding (TIFF compression 32773), bounded by both buffers.

/** Returns the number of bytes written to `out`, or -1 when a literal run passes the input end. */
export function decodePackBits(src: Uint8Array, out: Uint8Array): number {
  let i = 0;
  let written = 0;
  while (i < src.length && written < out.length) {
    const header = ((src[i++] ?? 0) << 24) >> 24; // as a signed byte
    if (header >= 0) {
      const n = header + 1;
      if (i + n > src.length) return -1;
      const take = Math.min(n, out.length - written);
      out.set(src.subarray(i, i + take), written);
      written += take;
      i += n;
    } else if (header !== -128) {
      if (i >= src.length) return -1;
      const value = src[i++] ?? 0;
      const n = Math.min(1 - header, out.length - written);
      out.fill(value, written, written + n);
      written += n;
    }
  }
  return written;
}
