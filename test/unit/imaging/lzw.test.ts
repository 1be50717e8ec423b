import { describe, expect, it } from 'vitest';
import { decodeLzw } from '../../../src-main/imaging/tiff/lzw';
import { encodeLzw } from './helpers/lzw-encode';

function noise(n: number, seed: number): Uint8Array {
  let s = seed;
  return new Uint8Array(n).map(() => {
    s = (s * 1103515245 + 12345) >>> 0;
    return s >>> 24;
  });
}

function roundTrip(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  expect(decodeLzw(encodeLzw(data), out)).toBe(data.length);
  return out;
}

describe('decodeLzw', () => {
  it.each([
    ['a single byte', new Uint8Array([42])],
    ['a long run (codes used as soon as they are defined)', new Uint8Array(70_000).fill(7)],
    ['text-like data', new TextEncoder().encode('nucleus membrane '.repeat(3000))],
    ['noise that fills the table many times', noise(200_000, 1)],
    ['a smooth 16-bit ramp', new Uint8Array(new Uint16Array(30_000).map((_, i) => i * 3).buffer)],
  ])('round-trips %s', (_what, data) => {
    expect(roundTrip(data)).toEqual(data);
  });

  it('stops when the output is full, even without an end code', () => {
    const data = noise(5000, 2);
    const out = new Uint8Array(1000);
    expect(decodeLzw(encodeLzw(data), out)).toBe(1000);
    expect(out).toEqual(data.subarray(0, 1000));
  });

  it('stops at the end of cut-short data and reports how much it wrote', () => {
    const data = noise(20_000, 3);
    const encoded = encodeLzw(data);
    const out = new Uint8Array(data.length);
    const written = decodeLzw(encoded.subarray(0, encoded.length >> 1), out);
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(data.length);
    expect(out.subarray(0, written)).toEqual(data.subarray(0, written));
  });

  it('rejects a code that is not yet in the table', () => {
    // Clear (256), then 300 in 9 bits: nothing has been defined beyond 257.
    const bits = (256).toString(2).padStart(9, '0') + (300).toString(2).padStart(9, '0');
    const bytes = new Uint8Array(Math.ceil(bits.length / 8));
    for (let i = 0; i < bits.length; i++) if (bits[i] === '1') bytes[i >> 3]! |= 0x80 >> (i & 7);
    expect(decodeLzw(bytes, new Uint8Array(10))).toBe(-1);
  });

  it('returns 0 for empty input', () => {
    expect(decodeLzw(new Uint8Array(0), new Uint8Array(10))).toBe(0);
  });
});
