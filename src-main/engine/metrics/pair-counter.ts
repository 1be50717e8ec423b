// A hash table from a pair of 32-bit labels to a count, in typed arrays. The metrics build their
// contingency tables here: a 16k x 16k image can hold millions of segments, so a dense
// (truth x prediction) matrix is out of the question, a JS Map tops out near 16.7M entries, and
// packing both labels into one number key can exceed 2^53. Open addressing with linear probing
// keeps every add O(1) expected and the memory proportional to the pairs that actually occur.

const EMPTY = 0;
const USED = 1;

export class PairCounter {
  private capacity: number;
  private keysA: Int32Array;
  private keysB: Int32Array;
  private counts: Float64Array;
  private state: Uint8Array;
  private entries = 0;

  constructor(expectedEntries = 1024) {
    let capacity = 16;
    while (capacity < expectedEntries * 2) capacity *= 2;
    this.capacity = capacity;
    this.keysA = new Int32Array(capacity);
    this.keysB = new Int32Array(capacity);
    this.counts = new Float64Array(capacity);
    this.state = new Uint8Array(capacity);
  }

  get size(): number {
    return this.entries;
  }

  /** Adds `n` to the count of (a, b), creating the entry at 0 first. */
  add(a: number, b: number, n: number): void {
    const slot = this.slotOf(a, b);
    if (this.state[slot] === EMPTY) {
      this.state[slot] = USED;
      this.keysA[slot] = a;
      this.keysB[slot] = b;
      this.counts[slot] = n;
      this.entries++;
      // Grow at half full so probe runs stay short.
      if (this.entries * 2 > this.capacity) this.grow();
    } else {
      this.counts[slot]! += n;
    }
  }

  /** The count of (a, b); 0 when the pair never occurred. */
  get(a: number, b: number): number {
    const slot = this.slotOf(a, b);
    return this.state[slot] === EMPTY ? 0 : this.counts[slot]!;
  }

  forEach(visit: (a: number, b: number, count: number) => void): void {
    for (let slot = 0; slot < this.capacity; slot++) {
      if (this.state[slot] === USED)
        visit(this.keysA[slot]!, this.keysB[slot]!, this.counts[slot]!);
    }
  }

  /** The slot holding (a, b), or the empty slot where it would go. */
  private slotOf(a: number, b: number): number {
    const mask = this.capacity - 1;
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ 0x7f4a7c15, 0x85ebca6b);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    let slot = h & mask;
    while (this.state[slot] === USED) {
      if (this.keysA[slot] === a && this.keysB[slot] === b) return slot;
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private grow(): void {
    const { keysA, keysB, counts, state } = this;
    this.capacity *= 2;
    this.keysA = new Int32Array(this.capacity);
    this.keysB = new Int32Array(this.capacity);
    this.counts = new Float64Array(this.capacity);
    this.state = new Uint8Array(this.capacity);
    for (let slot = 0; slot < state.length; slot++) {
      if (state[slot] !== USED) continue;
      const to = this.slotOf(keysA[slot]!, keysB[slot]!);
      this.state[to] = USED;
      this.keysA[to] = keysA[slot]!;
      this.keysB[to] = keysB[slot]!;
      this.counts[to] = counts[slot]!;
    }
  }
}
