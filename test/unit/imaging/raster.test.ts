import { describe, expect, it } from 'vitest';
import {
  dtypeOf,
  pageView,
  rasterTypeOf,
  type PixelDtype,
  type Raster,
} from '../../../src-main/imaging/raster';

function raster(data: Raster['data'], fields: Partial<Raster> = {}): Raster {
  return {
    width: 2,
    height: 2,
    channels: 1,
    pages: 1,
    bitDepth: 8,
    sampleFormat: 'uint',
    data,
    ...fields,
  };
}

describe('dtypeOf', () => {
  it.each<[Raster['bitDepth'], Raster['sampleFormat'], PixelDtype]>([
    [8, 'uint', 'uint8'],
    [16, 'uint', 'uint16'],
    [16, 'int', 'int16'],
    [32, 'uint', 'uint32'],
    [32, 'int', 'int32'],
    [32, 'float', 'float32'],
  ])('%i-bit %s is %s, and back', (bitDepth, sampleFormat, dtype) => {
    expect(dtypeOf(raster(new Uint8Array(4), { bitDepth, sampleFormat }))).toBe(dtype);
    expect(rasterTypeOf(dtype)).toEqual({ bitDepth, sampleFormat });
  });

  it('refuses combinations no pixel type has', () => {
    expect(() =>
      dtypeOf(raster(new Uint8Array(4), { bitDepth: 16, sampleFormat: 'float' })),
    ).toThrow(RangeError);
  });
});

describe('pageView', () => {
  const data = new Uint16Array(2 * 3 * 2 * 3).map((_, i) => i);
  const stack = raster(data, { width: 3, height: 2, channels: 2, pages: 3, bitDepth: 16 });

  it('is the page’s samples, sharing memory with the raster', () => {
    const page = pageView(stack, 1);
    expect(Array.from(page)).toEqual(Array.from(data.subarray(12, 24)));
    page[0] = 999;
    expect(data[12]).toBe(999);
  });

  it('refuses pages outside the stack', () => {
    expect(() => pageView(stack, 3)).toThrow(RangeError);
    expect(() => pageView(stack, -1)).toThrow(RangeError);
    expect(() => pageView(stack, 0.5)).toThrow(RangeError);
  });
});
