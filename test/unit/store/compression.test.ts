import { describe, expect, it } from 'vitest';
import { deflateBytes, inflateBytes } from '../../../src-main/store/compression';

describe('blob compression', () => {
  it('round-trips bytes and shrinks label-like data', () => {
    const data = new Uint8Array(65536);
    data.fill(2, 1000, 9000);
    const blob = deflateBytes(data);
    expect(blob.length).toBeLessThan(1000);
    const back = inflateBytes(blob, data.length);
    expect(back).toEqual(data);
    expect(back.constructor).toBe(Uint8Array); // not a Buffer view into a shared pool
    expect(back.buffer.byteLength).toBe(data.length);
  });

  it('reports a damaged blob as a damaged project', () => {
    const blob = deflateBytes(Uint8Array.from({ length: 4096 }, (_, i) => i % 7));
    const damaged = Buffer.from(blob);
    const last = damaged.length - 3;
    damaged[last] = (damaged[last] ?? 0) ^ 0xff; // breaks the zlib checksum
    expect(() => inflateBytes(damaged, 4096)).toThrow(
      expect.objectContaining({ code: 'project-corrupt' }),
    );
    expect(() => inflateBytes(Buffer.from('garbage'), 4096)).toThrow(
      expect.objectContaining({ code: 'project-corrupt' }),
    );
  });

  it('refuses a blob of the wrong size, however it inflates', () => {
    const blob = deflateBytes(new Uint8Array(100));
    expect(() => inflateBytes(blob, 99)).toThrow(
      expect.objectContaining({ code: 'project-corrupt' }),
    );
    expect(() => inflateBytes(blob, 101)).toThrow(
      expect.objectContaining({ code: 'project-corrupt' }),
    );
  });
});
