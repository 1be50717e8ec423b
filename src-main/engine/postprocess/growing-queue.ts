// A FIFO of pixel indices for flood fills: it grows with the flood front, so a fill over a
// 16k x 16k image does not reserve a queue for every pixel up front.

/** A ring buffer of int32 values that doubles when full. */
export class GrowingQueue {
  private items: Int32Array;
  private head = 0;
  private count = 0;

  constructor(initialCapacity: number) {
    this.items = new Int32Array(Math.max(16, initialCapacity));
  }

  get length(): number {
    return this.count;
  }

  push(value: number): void {
    if (this.count === this.items.length) {
      const bigger = new Int32Array(this.items.length * 2);
      for (let k = 0; k < this.count; k++) {
        bigger[k] = this.items[(this.head + k) % this.items.length]!;
      }
      this.items = bigger;
      this.head = 0;
    }
    this.items[(this.head + this.count) % this.items.length] = value;
    this.count++;
  }

  shift(): number {
    const value = this.items[this.head]!;
    this.head = (this.head + 1) % this.items.length;
    this.count--;
    return value;
  }
}
