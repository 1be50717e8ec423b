// Binary framing for the WebSocket transport of browser mode. Pixels never travel as JSON: every
// Uint8Array inside a message is lifted out into an attachment and replaced by a {$bytes: i}
// placeholder. Frame layout (little endian):
//   u32 headerLength | header (UTF-8 JSON) | u32 attachmentCount | (u32 length | bytes)*
// Uses only globals that browsers and Node share (TextEncoder, DataView).

const BYTES_KEY = '$bytes';

function lift(value: unknown, attachments: Uint8Array[]): unknown {
  if (value instanceof Uint8Array) {
    attachments.push(value);
    return { [BYTES_KEY]: attachments.length - 1 };
  }
  if (ArrayBuffer.isView(value)) {
    throw new TypeError('Only Uint8Array crosses the wire; view other typed arrays as bytes.');
  }
  if (Array.isArray(value)) return value.map((item) => lift(item, attachments));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) out[key] = lift(item, attachments);
    }
    return out;
  }
  return value;
}

function restore(value: unknown, attachments: Uint8Array[]): unknown {
  if (Array.isArray(value)) return value.map((item) => restore(item, attachments));
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === BYTES_KEY && typeof record[BYTES_KEY] === 'number') {
      const bytes = attachments[record[BYTES_KEY]];
      if (!bytes) throw new RangeError('Frame refers to a missing attachment.');
      return bytes;
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(record)) out[key] = restore(item, attachments);
    return out;
  }
  return value;
}

export function encodeFrame(message: unknown): Uint8Array {
  const attachments: Uint8Array[] = [];
  const header = new TextEncoder().encode(JSON.stringify(lift(message, attachments)));
  const total =
    4 + header.length + 4 + attachments.reduce((sum, bytes) => sum + 4 + bytes.length, 0);
  const frame = new Uint8Array(total);
  const view = new DataView(frame.buffer);
  let offset = 0;
  view.setUint32(offset, header.length, true);
  offset += 4;
  frame.set(header, offset);
  offset += header.length;
  view.setUint32(offset, attachments.length, true);
  offset += 4;
  for (const bytes of attachments) {
    view.setUint32(offset, bytes.length, true);
    offset += 4;
    frame.set(bytes, offset);
    offset += bytes.length;
  }
  return frame;
}

export function decodeFrame(frame: Uint8Array): unknown {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const need = (offset: number, length: number): void => {
    if (offset + length > frame.byteLength) throw new RangeError('Truncated frame.');
  };
  let offset = 0;
  need(offset, 4);
  const headerLength = view.getUint32(offset, true);
  offset += 4;
  need(offset, headerLength);
  const header = new TextDecoder().decode(frame.subarray(offset, offset + headerLength));
  offset += headerLength;
  need(offset, 4);
  const count = view.getUint32(offset, true);
  offset += 4;
  const attachments: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    need(offset, 4);
    const length = view.getUint32(offset, true);
    offset += 4;
    need(offset, length);
    // Copy so the attachment owns an aligned buffer of its own (typed views need alignment).
    attachments.push(frame.slice(offset, offset + length));
    offset += length;
  }
  return restore(JSON.parse(header), attachments);
}
