// One edit of a label map, stored the way cornerstone3D's createLabelmapMemo stores it: only the
// pixels that changed, each with its value before and after. Undo writes `before` back, redo
// writes `after`; nothing else in the map is touched, so an entry costs 6 bytes per changed
// pixel whatever the size of the image.
import { PixelBounds, type PixelRect } from './pixel-rect';

export interface LabelChange {
  /** Pixel indices (y * width + x), each at most once. */
  indices: Uint32Array;
  before: Uint8Array;
  after: Uint8Array;
  /** The smallest rect holding every changed pixel: what the canvas must redraw. */
  bounds: PixelRect;
}

export function changeBytes(change: LabelChange): number {
  return change.indices.byteLength + change.before.byteLength + change.after.byteLength;
}

/** Writes one side of a change into the map (`before` to undo it, `after` to redo it). */
export function applyChange(map: Uint8Array, change: LabelChange, side: 'before' | 'after'): void {
  const values = change[side];
  const { indices } = change;
  for (let k = 0; k < indices.length; k++) map[indices[k] as number] = values[k] as number;
}

function boundsOfIndices(indices: Uint32Array, width: number): PixelRect | null {
  const bounds = new PixelBounds();
  for (let k = 0; k < indices.length; k++) {
    const index = indices[k] as number;
    const x = index % width;
    bounds.addRun((index - x) / width, x, x);
  }
  return bounds.toRect();
}

/** What turns `before` into `after` (two maps of one page), or null when they are equal. */
export function diffLabels(
  before: Uint8Array,
  after: Uint8Array,
  width: number,
): LabelChange | null {
  if (before.length !== after.length) throw new RangeError('The two label maps differ in size.');
  let count = 0;
  for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) count++;
  if (count === 0) return null;
  const indices = new Uint32Array(count);
  const was = new Uint8Array(count);
  const now = new Uint8Array(count);
  for (let i = 0, k = 0; i < before.length; i++) {
    if (before[i] === after[i]) continue;
    indices[k] = i;
    was[k] = before[i] as number;
    now[k] = after[i] as number;
    k++;
  }
  return { indices, before: was, after: now, bounds: boundsOfIndices(indices, width) as PixelRect };
}

/**
 * Makes `map` equal to `incoming` (labels the server replaced, e.g. an accepted prediction) and
 * returns the change, so that replacing a whole page is one undoable entry like any stroke.
 */
export function replaceLabels(
  map: Uint8Array,
  incoming: Uint8Array,
  width: number,
): LabelChange | null {
  const change = diffLabels(map, incoming, width);
  if (change) applyChange(map, change, 'after');
  return change;
}

/**
 * Most changed pixels one gesture keeps for undo: 32 Mi pixels, 192 MB of history. A whole-page
 * fill of a 5792 x 5792 page still fits; a fill of most of a 16k x 16k page (268 M pixels, 1.6 GB
 * of history) would not fit the window's memory at all, so such a gesture is painted and saved
 * but not recorded (`LabelPainter.overflowed`).
 */
export const MAX_UNDO_PIXELS = 1 << 25;

/**
 * Paints one value into a label map and remembers what each changed pixel held. Every tool
 * (brush, eraser, fill, lasso) paints a single value per gesture, so a pixel that already holds
 * it is skipped and no pixel is recorded twice, without a per-pixel "seen" mask. Past
 * `maxRecorded` changed pixels it stops recording (and frees what it held): the gesture goes on
 * painting, but cannot be undone.
 */
export class LabelPainter {
  private indices = new Uint32Array(1024);
  private before = new Uint8Array(1024);
  private length = 0;
  private changed = 0;
  private tooLarge = false;
  private readonly bounds = new PixelBounds();
  private readonly sinceTake = new PixelBounds();

  constructor(
    readonly map: Uint8Array,
    readonly width: number,
    readonly height: number,
    readonly value: number,
    readonly maxRecorded = MAX_UNDO_PIXELS,
  ) {}

  /** How many pixels this gesture has changed so far. */
  get count(): number {
    return this.changed;
  }

  /** True once the gesture changed more than `maxRecorded` pixels: it has no undo entry. */
  get overflowed(): boolean {
    return this.tooLarge;
  }

  /**
   * Indices changed from position `from` on (to mark their tiles dirty as the stroke goes);
   * empty once the painter overflowed, when callers mark by rectangle instead.
   */
  indicesSince(from: number): Uint32Array {
    return this.indices.subarray(Math.min(from, this.length), this.length);
  }

  /** The smallest rect holding every pixel changed so far, or null. */
  changedBounds(): PixelRect | null {
    return this.bounds.toRect();
  }

  /** Paints columns x0..x1 (inclusive) of row y, clipped to the image. */
  paintRun(y: number, x0: number, x1: number): void {
    if (y < 0 || y >= this.height) return;
    const from = Math.max(0, x0);
    const to = Math.min(this.width - 1, x1);
    if (to < from) return;
    const { map, value } = this;
    const rowStart = y * this.width;
    let changedFrom = -1;
    let changedTo = -1;
    for (let x = from; x <= to; x++) {
      const index = rowStart + x;
      const old = map[index] as number;
      if (old === value) continue;
      this.record(index, old);
      map[index] = value;
      if (changedFrom < 0) changedFrom = x;
      changedTo = x;
    }
    if (changedFrom >= 0) {
      this.bounds.addRun(y, changedFrom, changedTo);
      this.sinceTake.addRun(y, changedFrom, changedTo);
    }
  }

  /** What changed since the last call: the canvas redraws only this. */
  takeRedrawRect(): PixelRect | null {
    const rect = this.sinceTake.toRect();
    this.sinceTake.reset();
    return rect;
  }

  /** The finished edit for the undo history, or null when no pixel changed or it overflowed. */
  finish(): LabelChange | null {
    const bounds = this.bounds.toRect();
    if (!bounds || this.tooLarge) return null;
    const count = this.length;
    return {
      indices: this.indices.slice(0, count),
      before: this.before.slice(0, count),
      after: new Uint8Array(count).fill(this.value),
      bounds,
    };
  }

  private record(index: number, old: number): void {
    this.changed++;
    if (this.tooLarge) return;
    if (this.length === this.maxRecorded) {
      this.tooLarge = true;
      this.indices = new Uint32Array(0);
      this.before = new Uint8Array(0);
      this.length = 0;
      return;
    }
    if (this.length === this.indices.length) {
      const grown = Math.min(this.maxRecorded, this.length * 2);
      const indices = new Uint32Array(grown);
      indices.set(this.indices);
      this.indices = indices;
      const before = new Uint8Array(grown);
      before.set(this.before);
      this.before = before;
    }
    this.indices[this.length] = index;
    this.before[this.length] = old;
    this.length++;
  }
}
