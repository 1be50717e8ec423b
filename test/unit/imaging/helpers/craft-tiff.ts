// Builds small little-endian TIFFs tag by tag, so tests can describe exactly the odd or hostile
// header they need (64-bit float, absurd sizes, loops) without a fixture file for each.

export interface CraftEntry {
  tag: number;
  /** 3 = SHORT, 4 = LONG, 5 = RATIONAL; chosen from the values (SHORT or LONG) when left out. */
  type?: 3 | 4 | 5;
  /** For RATIONAL: numerator, denominator, numerator, ... */
  values: number[];
}

export interface CraftOptions {
  width: number;
  height: number;
  bits?: number | number[];
  samplesPerPixel?: number;
  sampleFormat?: number;
  photometric?: number;
  compression?: number;
  rowsPerStrip?: number;
  /** The strip data, placed right after the header. */
  data?: Uint8Array;
  /** Extra or replacing entries; a value list of [] removes the tag. */
  tags?: CraftEntry[];
  /** Where the IFD's "next page" field points (default 0: no more pages). */
  nextIfd?: number | 'self';
}

export function craftTiff(o: CraftOptions): Uint8Array {
  const data = o.data ?? new Uint8Array(0);
  const bits = Array.isArray(o.bits) ? o.bits : [o.bits ?? 8];
  const tags = new Map<number, CraftEntry>();
  const put = (tag: number, values: number[], type?: 3 | 4) => tags.set(tag, { tag, values, type });
  put(256, [o.width], 4);
  put(257, [o.height], 4);
  put(258, bits, 3);
  put(259, [o.compression ?? 1], 3);
  put(262, [o.photometric ?? 1], 3);
  put(273, [8], 4);
  put(277, [o.samplesPerPixel ?? bits.length], 3);
  put(278, [o.rowsPerStrip ?? o.height], 4);
  put(279, [data.length], 4);
  if (o.sampleFormat !== undefined) put(339, [o.sampleFormat], 3);
  for (const e of o.tags ?? []) {
    if (e.values.length === 0) tags.delete(e.tag);
    else tags.set(e.tag, e);
  }
  const entries = [...tags.values()].sort((a, b) => a.tag - b.tag);

  const ifdAt = 8 + data.length + (data.length & 1);
  const extraAt = ifdAt + 2 + entries.length * 12 + 4;
  const extras: number[] = [];
  const out: number[] = [0x49, 0x49, 42, 0, ...u32(ifdAt), ...data];
  if (data.length & 1) out.push(0);
  out.push(...u16(entries.length));
  for (const e of entries) {
    const type = e.type ?? (e.values.every((v) => v <= 0xffff) ? 3 : 4);
    const bytes = e.values.flatMap((v) => (type === 3 ? u16(v) : u32(v)));
    const count = type === 5 ? e.values.length / 2 : e.values.length;
    out.push(...u16(e.tag), ...u16(type), ...u32(count));
    if (bytes.length <= 4) {
      out.push(...bytes, ...new Array<number>(4 - bytes.length).fill(0));
    } else {
      out.push(...u32(extraAt + extras.length));
      extras.push(...bytes);
    }
  }
  out.push(...u32(o.nextIfd === 'self' ? ifdAt : (o.nextIfd ?? 0)));
  out.push(...extras);
  return new Uint8Array(out);
}

function u16(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff];
}

function u32(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
}
