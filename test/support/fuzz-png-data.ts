// Damage inside a PNG's compressed image data. A flipped bit in the Deflate stream is almost
// always caught by zlib, so the row filters and the row lengths behind it are never reached.
// This inflates the data, damages the rows (bad filter types, rows cut short or run long) and
// compresses it again, so pngjs's unfiltering gets the hostile input instead.
import { deflateSync, inflateSync } from 'node:zlib';
import { fixPngCrcs, pngChunks } from './fuzz-fields';
import type { Random } from './fuzz-random';

function joinBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function damageRows(rows: Uint8Array, random: Random): { rows: Uint8Array; step: string } {
  const roll = random.next();
  if (roll < 0.4 && rows.length > 0) {
    const copy = rows.slice();
    const at: number[] = [];
    for (let i = random.between(1, 4); i > 0; i--) {
      const p = random.int(copy.length);
      copy[p] = random.chance(0.5) ? random.between(5, 255) : random.int(5); // 0-4 are filters
      at.push(p);
    }
    return { rows: copy, step: `set inflated bytes ${at.join(', ')}` };
  }
  if (roll < 0.75) {
    const length = random.int(rows.length);
    return { rows: rows.slice(0, length), step: `cut the inflated rows to ${length} bytes` };
  }
  const extra = new Uint8Array(random.between(1, 4096)).map(() => random.int(256));
  return {
    rows: joinBytes([rows, extra]),
    step: `added ${extra.length} bytes to the inflated rows`,
  };
}

/** Null when the file's image data does not inflate (then there is nothing to re-compress). */
export function damagePngRows(
  bytes: Uint8Array,
  random: Random,
): { bytes: Uint8Array; step: string } | null {
  const chunks: { at: number; end: number; type: string }[] = [];
  pngChunks(bytes, (at, length, type) => chunks.push({ at, end: at + 12 + length, type }));
  const idat = chunks.filter((c) => c.type === 'IDAT' && c.end <= bytes.length);
  if (idat.length === 0) return null;
  let rows: Uint8Array;
  try {
    rows = inflateSync(joinBytes(idat.map((c) => bytes.subarray(c.at + 8, c.end - 4))));
  } catch {
    return null;
  }
  const damaged = damageRows(rows, random);
  const data = deflateSync(damaged.rows, { level: 1 }); // fast: the content is what matters
  const chunk = new Uint8Array(12 + data.length);
  new DataView(chunk.buffer).setUint32(0, data.length);
  chunk.set([0x49, 0x44, 0x41, 0x54], 4); // "IDAT"
  chunk.set(data, 8);
  const first = idat[0]!;
  const last = idat[idat.length - 1]!;
  const out = joinBytes([bytes.subarray(0, first.at), chunk, bytes.subarray(last.end)]);
  fixPngCrcs(out);
  return { bytes: out, step: damaged.step };
}
