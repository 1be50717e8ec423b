import { describe, expect, it } from 'vitest';
import { decodePackBits } from '../../../src-main/imaging/tiff/packbits';

const hex = (s: string) => new Uint8Array(s.split(' ').map((h) => parseInt(h, 16)));

describe('decodePackBits', () => {
  it('decodes the example from Apple Technical Note TN1023', () => {
    const packed = hex('FE AA 02 80 00 2A FD AA 03 80 00 2A 22 F7 AA');
    const expected = hex('AA AA AA 80 00 2A AA AA AA AA 80 00 2A 22 AA AA AA AA AA AA AA AA AA AA');
    const out = new Uint8Array(expected.length);
    expect(decodePackBits(packed, out)).toBe(expected.length);
    expect(out).toEqual(expected);
  });

  it('skips the no-op header -128', () => {
    const out = new Uint8Array(2);
    expect(decodePackBits(hex('80 01 05 06'), out)).toBe(2);
    expect(Array.from(out)).toEqual([5, 6]);
  });

  it('never writes past the output', () => {
    const out = new Uint8Array(4);
    expect(decodePackBits(hex('81 09'), out)).toBe(4); // a run of 128 into 4 bytes
    expect(Array.from(out)).toEqual([9, 9, 9, 9]);
  });

  it('reports a literal run that passes the end of the input', () => {
    expect(decodePackBits(hex('05 01 02'), new Uint8Array(6))).toBe(-1);
  });

  it('reports a repeat header with no value after it', () => {
    expect(decodePackBits(hex('FE'), new Uint8Array(3))).toBe(-1);
  });
});
