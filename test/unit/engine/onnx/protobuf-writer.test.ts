import { describe, expect, it } from 'vitest';
import { ProtoWriter } from '../../../../src-main/engine/onnx/protobuf-writer';
import { packedInts, readFields, text } from './proto-reader';

describe('protobuf writer', () => {
  it('writes the encoding guide example: field 1 = 150 is 08 96 01', () => {
    expect([...new ProtoWriter().varint(1, 150).finish()]).toEqual([0x08, 0x96, 0x01]);
  });

  it('writes negative int64 values as ten-byte two’s complement varints', () => {
    const bytes = new ProtoWriter().varint(3, -2).finish();
    expect(bytes.length).toBe(11);
    const [field] = readFields(bytes);
    expect(BigInt.asIntN(64, field!.value!)).toBe(-2n);
  });

  it('round-trips strings, floats, packed repeats and nested messages', () => {
    const inner = new ProtoWriter().string(1, 'crop0').packedVarints(8, [16, -16, 2 ** 40]);
    const bytes = new ProtoWriter()
      .float(2, 0.25)
      .message(5, inner)
      .packedFloats(7, [1.5, -3])
      .varint(20, 7)
      .finish();
    const fields = readFields(bytes);
    expect(fields.map((f) => [f.field, f.wireType])).toEqual([
      [2, 5],
      [5, 2],
      [7, 2],
      [20, 0],
    ]);
    expect(new DataView(fields[0]!.bytes!.slice().buffer).getFloat32(0, true)).toBe(0.25);
    const nested = readFields(fields[1]!.bytes!);
    expect(text(nested[0]!.bytes)).toBe('crop0');
    expect(packedInts(nested[1]!.bytes!)).toEqual([16, -16, 2 ** 40]);
    expect([...new Float32Array(fields[2]!.bytes!.slice().buffer)]).toEqual([1.5, -3]);
    expect(fields[3]!.value).toBe(7n);
  });

  it('refuses values protobuf cannot hold exactly', () => {
    expect(() => new ProtoWriter().varint(1, 0.5)).toThrow(/not an integer/);
  });
});
