// The tiles of one large page: fetched as the view asks (TileRequests), kept by a byte budget
// (ByteLru), and planned for drawing: the visible tiles of the view's level that are here,
// over the nearest coarser tiles already here for those still loading, over the page's
// overview (the pyramid's top level, fetched first and never dropped). Nothing here draws.
import type { PixelDtype } from '../../../../src-preload/contract';
import { ByteLru } from './byte-lru';
import type { DecodedTile, PageRef } from './region-tile';
import { tileValuesAt } from './region-tile';
import { TileRequests, type FetchTile } from './tile-requests';
import { ancestorOf, tileAt, tileKey, type TileCoord, type TileGrid } from './tile-grid';

/** What the view knows of a large page before any tile of it is drawn. */
export interface TiledPage extends PageRef {
  channels: number;
  dtype: PixelDtype;
  levels: number;
  /** Smallest and largest finite value of the overview (averages: a little inside the page's). */
  min: number;
  max: number;
}

export interface TileSourceOptions {
  budgetBytes: number;
  maxInFlight: number;
}

/** About 500 tiles of 512 x 512 16-bit samples: a few screens of every level. */
export const DEFAULT_TILE_OPTIONS: TileSourceOptions = {
  budgetBytes: 256 * 1024 * 1024,
  maxInFlight: 4,
};

export interface TilePlan {
  level: number;
  /** Drawn first, coarsest first: the overview, then coarser stand-ins for tiles still loading. */
  backdrop: DecodedTile[];
  /** The visible tiles of the level that are here. */
  ready: DecodedTile[];
  /** Visible tiles whose request failed (retried when the view moves). */
  failed: TileCoord[];
  /** Visible tiles asked for or about to be. */
  loading: number;
}

export class TileSource {
  private readonly cache: ByteLru<DecodedTile>;
  private readonly requests: TileRequests<DecodedTile>;
  private readonly overviewKey: string;

  constructor(
    readonly page: TiledPage,
    readonly overview: DecodedTile,
    fetchTile: FetchTile<DecodedTile>,
    /** A tile arrived or failed: the view should plan again. */
    onSettled: () => void,
    options: TileSourceOptions = DEFAULT_TILE_OPTIONS,
  ) {
    this.overviewKey = tileKey(overview.tile);
    this.cache = new ByteLru(options.budgetBytes, (tile) => tile.samples.byteLength);
    this.requests = new TileRequests(
      fetchTile,
      (tile, value) => {
        if (value) this.cache.set(tileKey(tile), value);
        onSettled();
      },
      options.maxInFlight,
    );
  }

  /** Cached bytes (the overview not counted). */
  get cachedBytes(): number {
    return this.cache.bytes;
  }

  /** Requests open or queued, the margin ring's included. */
  get pending(): number {
    return this.requests.loading + this.requests.queued;
  }

  /** Asks for the grid's tiles that are missing; `viewMoved` retries failed ones. */
  update(grid: TileGrid, viewMoved: boolean): void {
    this.requests.want(grid.wanted, (key) => this.has(key), viewMoved);
  }

  plan(grid: TileGrid): TilePlan {
    const ready: DecodedTile[] = [];
    const failed: TileCoord[] = [];
    const standIns = new Map<string, DecodedTile>();
    let loading = 0;
    for (const tile of grid.visible) {
      const key = tileKey(tile);
      const here = this.lookup(key, true);
      if (here) {
        ready.push(here);
        continue;
      }
      if (this.requests.state(key) === 'failed') failed.push(tile);
      else loading++;
      const standIn = this.nearestCoarser(tile);
      if (standIn) standIns.set(tileKey(standIn.tile), standIn);
    }
    const coarseFirst = [...standIns.values()].sort((a, b) => b.tile.level - a.tile.level);
    const backdrop = grid.level === this.overview.tile.level ? [] : [this.overview, ...coarseFirst];
    return { level: grid.level, backdrop, ready, failed, loading };
  }

  /** The raw values at image pixel (x, y) from the finest level here, or null off the page. */
  valuesAt(x: number, y: number): { values: number[]; level: number } | null {
    if (x < 0 || y < 0 || x >= this.page.width || y >= this.page.height) return null;
    for (let level = 0; level < this.page.levels; level++) {
      const tile = this.lookup(tileKey(tileAt(level, x, y)), false);
      if (!tile) continue;
      const values = tileValuesAt(tile, Math.floor(x / 2 ** level), Math.floor(y / 2 ** level));
      if (values) return { values, level };
    }
    return null;
  }

  /** Stops fetching and lets the cached tiles go. */
  dispose(): void {
    this.requests.close();
    this.cache.clear();
  }

  private has(key: string): boolean {
    return key === this.overviewKey || this.cache.has(key);
  }

  private lookup(key: string, use: boolean): DecodedTile | undefined {
    if (key === this.overviewKey) return this.overview;
    return use ? this.cache.get(key) : this.cache.peek(key);
  }

  private nearestCoarser(tile: TileCoord): DecodedTile | undefined {
    // The overview is drawn under everything anyway.
    for (let level = tile.level + 1; level < this.overview.tile.level; level++) {
      const standIn = this.cache.get(tileKey(ancestorOf(tile, level)));
      if (standIn) return standIn;
    }
    return undefined;
  }
}
