// The TIFF container: header, the chain of image file directories (one per page) and typed tag
// values. Every offset is bounds-checked, and a page chain that loops back is refused, because
// damaged files are common (interrupted copies, full disks) and must not hang or crash the app.
import { fail } from '../errors';
import { FIELD_TYPE_SIZE, FieldType } from './tags';

export const TRUNCATED = 'the TIFF is cut short (truncated)';

export interface IfdEntry {
  tag: number;
  type: number;
  count: number;
  /** Where the values start in the file: inside the entry when they fit, else at its offset. */
  valuePosition: number;
}

export interface Ifd {
  offset: number;
  entries: Map<number, IfdEntry>;
}

export class TiffContainer {
  readonly littleEndian: boolean;
  readonly bigTiff: boolean;
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    readonly fileName: string,
  ) {
    if (bytes.length < 8) fail(fileName, TRUNCATED);
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.littleEndian = bytes[0] === 0x49;
    const version = this.view.getUint16(2, this.littleEndian);
    this.bigTiff = version === 43;
    if (this.bigTiff) {
      if (bytes.length < 16) fail(fileName, TRUNCATED);
      if (this.view.getUint16(4, this.littleEndian) !== 8) {
        fail(fileName, 'the BigTIFF header is damaged (unexpected offset size)');
      }
    }
  }

  private offsetAt(position: number): number {
    return this.bigTiff
      ? Number(this.view.getBigUint64(position, this.littleEndian))
      : this.view.getUint32(position, this.littleEndian);
  }

  /** All top-level directories in file order (SubIFDs such as pyramid levels are not followed). */
  readIfds(): Ifd[] {
    const countSize = this.bigTiff ? 8 : 2;
    const entrySize = this.bigTiff ? 20 : 12;
    const offsetSize = this.bigTiff ? 8 : 4;
    const ifds: Ifd[] = [];
    const seen = new Set<number>();
    let offset = this.offsetAt(this.bigTiff ? 8 : 4);
    if (offset === 0) fail(this.fileName, 'the TIFF holds no image (it has no pages)');
    while (offset !== 0) {
      if (seen.has(offset)) {
        fail(this.fileName, 'the TIFF is damaged (its list of pages loops back on itself)');
      }
      seen.add(offset);
      if (offset + countSize > this.bytes.length) fail(this.fileName, TRUNCATED);
      const count = this.bigTiff
        ? Number(this.view.getBigUint64(offset, this.littleEndian))
        : this.view.getUint16(offset, this.littleEndian);
      const end = offset + countSize + count * entrySize;
      if (end + offsetSize > this.bytes.length) fail(this.fileName, TRUNCATED);
      const entries = new Map<number, IfdEntry>();
      for (let i = 0; i < count; i++) {
        const at = offset + countSize + i * entrySize;
        const entry = this.readEntry(at);
        if (entry) entries.set(entry.tag, entry);
      }
      ifds.push({ offset, entries });
      offset = this.offsetAt(end);
    }
    return ifds;
  }

  private readEntry(at: number): IfdEntry | null {
    const tag = this.view.getUint16(at, this.littleEndian);
    const type = this.view.getUint16(at + 2, this.littleEndian);
    const size = FIELD_TYPE_SIZE[type];
    if (size === undefined) return null; // a private type we do not need; skip it, as libtiff does
    const count = this.bigTiff
      ? Number(this.view.getBigUint64(at + 4, this.littleEndian))
      : this.view.getUint32(at + 4, this.littleEndian);
    const inlineBytes = this.bigTiff ? 8 : 4;
    const valueField = at + (this.bigTiff ? 12 : 8);
    const valuePosition = count * size <= inlineBytes ? valueField : this.offsetAt(valueField);
    return { tag, type, count, valuePosition };
  }

  has(ifd: Ifd, tag: number): boolean {
    return ifd.entries.has(tag);
  }

  /** The tag's values as numbers; undefined when absent. Values outside the file are an error. */
  numbers(ifd: Ifd, tag: number): number[] | undefined {
    const entry = ifd.entries.get(tag);
    if (!entry) return undefined;
    const size = FIELD_TYPE_SIZE[entry.type] ?? 1;
    if (entry.valuePosition + entry.count * size > this.bytes.length) {
      fail(this.fileName, TRUNCATED);
    }
    const values = new Array<number>(entry.count);
    for (let i = 0; i < entry.count; i++) {
      values[i] = this.wholeValue(tag, entry.type, entry.valuePosition + i * size);
    }
    return values;
  }

  number(ifd: Ifd, tag: number): number | undefined {
    const entry = ifd.entries.get(tag);
    if (!entry || entry.count === 0) return undefined;
    const size = FIELD_TYPE_SIZE[entry.type] ?? 1;
    if (entry.valuePosition + size > this.bytes.length) fail(this.fileName, TRUNCATED);
    return this.wholeValue(tag, entry.type, entry.valuePosition);
  }

  /**
   * The tags the reader uses hold sizes, offsets, counts and codes: whole numbers, never
   * negative. A damaged type can turn one into NaN (a rational over zero), a fraction or a
   * negative offset, which would otherwise flow into sizes, messages and array indices.
   */
  private wholeValue(tag: number, type: number, at: number): number {
    const value = this.readValue(type, at);
    if (!Number.isSafeInteger(value) || value < 0) {
      fail(this.fileName, `the TIFF is damaged (tag ${tag} holds an impossible value)`);
    }
    return value;
  }

  private readValue(type: number, at: number): number {
    const v = this.view;
    const le = this.littleEndian;
    switch (type) {
      case FieldType.BYTE:
      case FieldType.ASCII:
      case FieldType.UNDEFINED:
        return v.getUint8(at);
      case FieldType.SBYTE:
        return v.getInt8(at);
      case FieldType.SHORT:
        return v.getUint16(at, le);
      case FieldType.SSHORT:
        return v.getInt16(at, le);
      case FieldType.LONG:
      case FieldType.IFD:
        return v.getUint32(at, le);
      case FieldType.SLONG:
        return v.getInt32(at, le);
      case FieldType.RATIONAL:
        return v.getUint32(at, le) / v.getUint32(at + 4, le);
      case FieldType.SRATIONAL:
        return v.getInt32(at, le) / v.getInt32(at + 4, le);
      case FieldType.FLOAT:
        return v.getFloat32(at, le);
      case FieldType.DOUBLE:
        return v.getFloat64(at, le);
      case FieldType.LONG8:
      case FieldType.IFD8:
        return Number(v.getBigUint64(at, le));
      case FieldType.SLONG8:
        return Number(v.getBigInt64(at, le));
      default:
        return 0;
    }
  }
}
