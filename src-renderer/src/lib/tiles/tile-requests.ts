// Asking for tiles: at most a few requests open at once, never two for the same tile, and a
// queue that follows the view (tiles scrolled away before their turn are never asked for). A
// failed tile is not asked again until the view moves, so a failing studio is not polled in a
// loop while the error stays on screen.
import { tileKey, type TileCoord } from './tile-grid';

export type TileRequestState = 'queued' | 'loading' | 'failed';

/** Fetches one tile; null means it failed (the fetcher reports why). */
export type FetchTile<T> = (tile: TileCoord) => Promise<T | null>;

export class TileRequests<T> {
  private queue: TileCoord[] = [];
  private readonly inFlight = new Set<string>();
  private readonly failed = new Set<string>();
  private closed = false;

  constructor(
    private readonly fetchTile: FetchTile<T>,
    /** Called once per answered request, in or out of the view (a late answer is still good). */
    private readonly settled: (tile: TileCoord, value: T | null) => void,
    readonly maxInFlight = 4,
  ) {
    if (!(maxInFlight >= 1)) throw new RangeError('At least one request must be allowed.');
  }

  /**
   * The tiles the view needs now, most urgent first. Replaces the queue; tiles `have` says are
   * already here, or already asked for, are skipped. A request already sent cannot be taken
   * back, but its answer is kept. With `retryFailed` (the view moved) failed tiles are asked for
   * again.
   */
  want(tiles: readonly TileCoord[], have: (key: string) => boolean, retryFailed: boolean): void {
    if (this.closed) return;
    if (retryFailed) this.failed.clear();
    const queued = new Set<string>();
    this.queue = [];
    for (const tile of tiles) {
      const key = tileKey(tile);
      if (queued.has(key) || this.inFlight.has(key) || this.failed.has(key) || have(key)) continue;
      queued.add(key);
      this.queue.push(tile);
    }
    this.pump();
  }

  state(key: string): TileRequestState | null {
    if (this.inFlight.has(key)) return 'loading';
    if (this.failed.has(key)) return 'failed';
    return this.queue.some((tile) => tileKey(tile) === key) ? 'queued' : null;
  }

  get loading(): number {
    return this.inFlight.size;
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Stops asking: the queue is dropped and answers still on their way are ignored. */
  close(): void {
    this.closed = true;
    this.queue = [];
  }

  private pump(): void {
    while (!this.closed && this.inFlight.size < this.maxInFlight && this.queue.length > 0) {
      const tile = this.queue.shift() as TileCoord;
      const key = tileKey(tile);
      this.inFlight.add(key);
      void this.run(tile, key);
    }
  }

  private async run(tile: TileCoord, key: string): Promise<void> {
    let value: T | null = null;
    try {
      value = await this.fetchTile(tile);
    } catch (error) {
      // A fetcher reports its own failures as null; a throw is a bug, kept visible here.
      console.error(`Tile ${key} could not be fetched.`, error);
    }
    this.inFlight.delete(key);
    if (this.closed) return;
    if (value === null) this.failed.add(key);
    this.settled(tile, value);
    this.pump();
  }
}
