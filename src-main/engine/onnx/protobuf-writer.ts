// The few parts of the protobuf wire format an ONNX file needs, written by hand so exporting
// adds no dependency. Each field is a key (field number << 3 | wire type) and a value: a varint,
// a little-endian 32-bit word, or a length-prefixed run of bytes (strings, nested messages and
// packed repeated numbers). https://protobuf.dev/programming-guides/encoding/

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

/** Collects the fields of one message; nested messages are written by their own writer. */
export class ProtoWriter {
  private chunks: Uint8Array[] = [];
  private pending: number[] = [];
  private length = 0;

  /** A varint field (int32, int64 and enum values). Zero is written too: proto2 keeps it. */
  varint(field: number, value: number): this {
    this.key(field, WIRE_VARINT);
    this.rawVarint(value);
    return this;
  }

  /** A float field (fixed32). */
  float(field: number, value: number): this {
    this.key(field, WIRE_FIXED32);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    return this.append(bytes);
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  bytes(field: number, value: Uint8Array): this {
    this.key(field, WIRE_LENGTH_DELIMITED);
    this.rawVarint(value.length);
    return this.append(value);
  }

  /** A nested message. Its chunks are adopted, not copied: weights are the bulk of a model. */
  message(field: number, message: ProtoWriter): this {
    message.flush();
    this.key(field, WIRE_LENGTH_DELIMITED);
    this.rawVarint(message.length);
    this.flush();
    for (const chunk of message.chunks) this.chunks.push(chunk);
    this.length += message.length;
    return this;
  }

  /** Repeated integers as one packed field (parsers accept packed for any repeated scalar). */
  packedVarints(field: number, values: readonly number[]): this {
    const packed = new ProtoWriter();
    for (const value of values) packed.rawVarint(value);
    return this.bytes(field, packed.finish());
  }

  /** Repeated floats as one packed field of little-endian float32 words. */
  packedFloats(field: number, values: readonly number[]): this {
    const bytes = new Uint8Array(values.length * 4);
    const view = new DataView(bytes.buffer);
    values.forEach((value, i) => view.setFloat32(i * 4, value, true));
    return this.bytes(field, bytes);
  }

  finish(): Uint8Array {
    this.flush();
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }

  private key(field: number, wireType: number): void {
    this.rawVarint(field * 8 + wireType);
  }

  /**
   * Seven bits a byte, low first, high bit set on all but the last. Negative int64 values are
   * their 64-bit two's complement: ten bytes.
   */
  private rawVarint(value: number): void {
    if (!Number.isSafeInteger(value))
      throw new Error(`${value} is not an integer protobuf can hold.`);
    if (value < 0) {
      let big = BigInt.asUintN(64, BigInt(value));
      while (big >= 0x80n) {
        this.pending.push(Number(big & 0x7fn) | 0x80);
        big >>= 7n;
      }
      this.pending.push(Number(big));
    } else {
      let rest = value;
      while (rest >= 0x80) {
        this.pending.push((rest % 0x80) | 0x80);
        rest = Math.floor(rest / 0x80);
      }
      this.pending.push(rest);
    }
  }

  private append(bytes: Uint8Array): this {
    this.flush();
    this.chunks.push(bytes);
    this.length += bytes.length;
    return this;
  }

  /** Small values gather in a plain array; large byte runs (weights) are kept, not copied. */
  private flush(): void {
    if (this.pending.length === 0) return;
    this.chunks.push(Uint8Array.from(this.pending));
    this.length += this.pending.length;
    this.pending = [];
  }
}
