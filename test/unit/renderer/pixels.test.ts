import { describe, expect, it } from 'vitest';
import {
  decodePage,
  sampleRange,
  valuesAt,
  viewSamples,
} from '../../../src-renderer/src/lib/pixels';

/** Little-endian bytes of 16-bit values, placed at `offset` inside a larger buffer. */
function uint16Bytes(values: number[], offset: number): Uint8Array {
  const buffer = new Uint8Array(offset + values.length * 2);
  const view = new DataView(buffer.buffer);
  values.forEach((v, i) => view.setUint16(offset + i * 2, v, true));
  return buffer.subarray(offset);
}

describe('viewSamples', () => {
  it('shares memory when the bytes are aligned', () => {
    const bytes = uint16Bytes([1, 369, 65535], 2);
    const samples = viewSamples(bytes, 'uint16');
    expect(samples).toBeInstanceOf(Uint16Array);
    expect(Array.from(samples)).toEqual([1, 369, 65535]);
    expect(samples.buffer).toBe(bytes.buffer);
  });

  it('copies bytes at an odd offset instead of throwing', () => {
    const bytes = uint16Bytes([1, 369, 65535], 1);
    const samples = viewSamples(bytes, 'uint16');
    expect(Array.from(samples)).toEqual([1, 369, 65535]);
    expect(samples.buffer).not.toBe(bytes.buffer);
  });

  it('reads float32 and int16 little endian', () => {
    const floats = new Uint8Array(new Float32Array([0.5, -2]).buffer);
    expect(Array.from(viewSamples(floats, 'float32'))).toEqual([0.5, -2]);
    const shorts = new Uint8Array([0x00, 0x80, 0xff, 0xff, 0x01, 0x00]);
    expect(Array.from(viewSamples(shorts, 'int16'))).toEqual([-32768, -1, 1]);
  });

  it('rejects a byte count that is not whole samples', () => {
    expect(() => viewSamples(new Uint8Array(3), 'uint16')).toThrow(RangeError);
  });
});

describe('decodePage and valuesAt', () => {
  it('checks the sample count and reads the channel values at a pixel', () => {
    const page = decodePage({
      imageId: 7,
      page: 0,
      width: 2,
      height: 2,
      channels: 3,
      dtype: 'uint8',
      data: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
    });
    expect(page.min).toBe(1);
    expect(page.max).toBe(12);
    expect(valuesAt(page, 1, 1)).toEqual([10, 11, 12]);
    expect(valuesAt(page, 0, 1)).toEqual([7, 8, 9]);
    expect(valuesAt(page, 2, 0)).toBeNull();
    expect(valuesAt(page, -1, 0)).toBeNull();
    expect(() =>
      decodePage({
        imageId: 7,
        page: 0,
        width: 3,
        height: 3,
        channels: 1,
        dtype: 'uint8',
        data: new Uint8Array(8),
      }),
    ).toThrow(RangeError);
  });

  it('skips NaN and infinities when finding the value range', () => {
    expect(sampleRange(new Float32Array([Number.NaN, -Infinity, 2, -3, Infinity]))).toEqual({
      min: -3,
      max: 2,
    });
    expect(sampleRange(new Float32Array([Number.NaN]))).toEqual({ min: 0, max: 0 });
  });
});
