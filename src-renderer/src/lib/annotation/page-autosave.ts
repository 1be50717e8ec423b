// Saves one page's labels without a Save button: changed tiles are marked dirty as the person
// paints, and written shortly after a gesture ends (or at once, before the page is left). One
// write is in flight at a time, and the bytes of a tile are read when its write is sent, so a
// tile painted again during a write is simply written again afterwards. A failed write puts its
// tiles back: nothing painted is dropped, and the next attempt sends them again.
import type { ErrorValue, LabelTile, Result } from '../../../../src-preload/contract';
import { DirtyTiles, extractTile, type TileRef } from './label-tiles';

export type SaveState = 'saved' | 'saving' | 'unsaved' | 'error';

export type WriteTiles = (tiles: LabelTile[]) => Promise<Result<{ revision: number }>>;

/** Long enough to group a burst of strokes into one write, short enough to feel immediate. */
export const SAVE_DELAY_MS = 400;
/** 16 MiB of tile bytes per call, well under what either transport accepts in one message. */
export const TILES_PER_WRITE = 256;

export interface PageLabels {
  readonly imageId: number;
  readonly page: number;
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export class PageAutosave {
  private readonly dirty = new DirtyTiles();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<boolean> | null = null;
  state: SaveState = 'saved';
  error: ErrorValue | null = null;

  constructor(
    readonly labels: PageLabels,
    /** The server's revision of the page after the last successful read or write. */
    public revision: number,
    private readonly write: WriteTiles,
    private readonly onChange: (autosave: PageAutosave) => void = () => {},
    private readonly delayMs = SAVE_DELAY_MS,
  ) {}

  get dirtyCount(): number {
    return this.dirty.size;
  }

  get clean(): boolean {
    return this.dirty.size === 0 && !this.running;
  }

  markDirty(tiles: readonly TileRef[]): void {
    if (tiles.length === 0) return;
    this.dirty.add(tiles);
    // While a write runs it picks these up before it reports "saved".
    if (this.state !== 'saving') this.setState('unsaved');
  }

  /** Saves after a short pause; another call within the pause restarts it. */
  schedule(): void {
    this.cancelTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.delayMs);
  }

  /** Writes every dirty tile now; true once all are saved, false if a write failed. */
  async flush(): Promise<boolean> {
    this.cancelTimer();
    while (this.running) await this.running;
    if (this.dirty.size === 0) return true;
    this.running = this.writeAll();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  /** Waits for a write in flight without starting one (before reading what the server holds). */
  async settle(): Promise<void> {
    this.cancelTimer();
    while (this.running) await this.running;
  }

  /** The server already holds exactly what is in memory (it replaced the labels itself). */
  markSaved(revision: number): void {
    this.cancelTimer();
    this.dirty.clear();
    this.revision = revision;
    this.error = null;
    this.setState('saved');
  }

  dispose(): void {
    this.cancelTimer();
  }

  private async writeAll(): Promise<boolean> {
    this.setState('saving');
    while (this.dirty.size > 0) {
      const pending = this.dirty.take();
      for (let start = 0; start < pending.length; start += TILES_PER_WRITE) {
        const chunk = pending.slice(start, start + TILES_PER_WRITE);
        const result = await this.send(chunk);
        if (!result.ok) {
          this.dirty.add(pending.slice(start));
          this.error = result.error;
          this.setState('error');
          return false;
        }
        this.revision = result.value.revision;
      }
    }
    this.error = null;
    this.setState('saved');
    return true;
  }

  private async send(chunk: readonly TileRef[]): Promise<Result<{ revision: number }>> {
    const { data, width, height } = this.labels;
    const tiles = chunk.map((tile) => ({ ...tile, data: extractTile(data, width, height, tile) }));
    try {
      return await this.write(tiles);
    } catch (thrown) {
      console.error('labels:write-tiles threw instead of returning a Result.', thrown);
      return {
        ok: false,
        error: { code: 'internal', message: 'The studio did not answer as expected.' },
      };
    }
  }

  private setState(state: SaveState): void {
    this.state = state;
    this.onChange(this);
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
