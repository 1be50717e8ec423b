import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame } from '../../../src-preload/contract';

describe('wire frames', () => {
  it('round-trips nested bytes without turning them into JSON', () => {
    const pixels = new Uint8Array([0, 1, 2, 250, 255]);
    const tiles = [new Uint8Array([9]), new Uint8Array(0)];
    const message = {
      kind: 'result',
      id: 7,
      result: { ok: true, value: { pixels, tiles, name: 'é' } },
    };
    const frame = encodeFrame(message);
    // The bytes sit in attachments, so the JSON header does not spell them out.
    expect(new TextDecoder().decode(frame)).not.toContain('250');
    const back = decodeFrame(frame) as typeof message;
    expect(back).toEqual(message);
    expect(back.result.value.pixels).toBeInstanceOf(Uint8Array);
  });

  it('keeps a 16-bit view of received bytes aligned', () => {
    const values = new Uint16Array([1, 65535, 300]);
    const back = decodeFrame(encodeFrame({ data: new Uint8Array(values.buffer) })) as {
      data: Uint8Array;
    };
    expect(back.data.byteOffset % 2).toBe(0);
    expect(Array.from(new Uint16Array(back.data.buffer, back.data.byteOffset, 3))).toEqual([
      1, 65535, 300,
    ]);
  });

  it('refuses typed arrays other than bytes, and truncated frames', () => {
    expect(() => encodeFrame({ data: new Float32Array(2) })).toThrow(/Uint8Array/);
    const frame = encodeFrame({ data: new Uint8Array(100) });
    expect(() => decodeFrame(frame.subarray(0, frame.length - 10))).toThrow(/Truncated/);
  });
});
