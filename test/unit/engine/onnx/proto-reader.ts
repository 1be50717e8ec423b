// A protobuf reader for the tests only: it splits a message into its fields so a test can check
// what the hand-written encoder produced without trusting the encoder's own code.

export interface ProtoField {
  field: number;
  wireType: number;
  /** Varints (as bigint: int64 may not fit a number) and fixed32 words. */
  value?: bigint;
  /** Length-delimited payloads. */
  bytes?: Uint8Array;
}

function readVarint(bytes: Uint8Array, at: number): { value: bigint; next: number } {
  let value = 0n;
  let shift = 0n;
  let next = at;
  for (;;) {
    const byte = bytes[next++];
    if (byte === undefined) throw new Error('truncated varint');
    value |= BigInt(byte & 0x7f) << shift;
    if (byte < 0x80) return { value, next };
    shift += 7n;
  }
}

export function readFields(bytes: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = [];
  let at = 0;
  while (at < bytes.length) {
    const key = readVarint(bytes, at);
    at = key.next;
    const field = Number(key.value >> 3n);
    const wireType = Number(key.value & 7n);
    if (wireType === 0) {
      const { value, next } = readVarint(bytes, at);
      fields.push({ field, wireType, value });
      at = next;
    } else if (wireType === 2) {
      const length = readVarint(bytes, at);
      const end = length.next + Number(length.value);
      if (end > bytes.length) throw new Error('truncated length-delimited field');
      fields.push({ field, wireType, bytes: bytes.subarray(length.next, end) });
      at = end;
    } else if (wireType === 5) {
      if (at + 4 > bytes.length) throw new Error('truncated fixed32');
      fields.push({ field, wireType, bytes: bytes.subarray(at, at + 4) });
      at += 4;
    } else {
      throw new Error(`unexpected wire type ${wireType}`);
    }
  }
  return fields;
}

export const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

/** The packed varints of one field, as signed 64-bit numbers. */
export function packedInts(bytes: Uint8Array): number[] {
  const values: number[] = [];
  let at = 0;
  while (at < bytes.length) {
    const { value, next } = readVarint(bytes, at);
    values.push(Number(BigInt.asIntN(64, value)));
    at = next;
  }
  return values;
}
