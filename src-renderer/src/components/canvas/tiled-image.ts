// The image layer of a large page: one Konva.Image per tile the plan names, each from its own
// small canvas rendered through the display window. A canvas is rendered again only when the
// window changed since (the samples stay in the TileSource, so no tile is fetched again), and
// canvases of tiles no longer drawn are let go, so the RGBA memory is what the screen shows.
import Konva from 'konva';
import type { DisplayRange } from '../../../../src-preload/contract';
import { renderRgba } from '../../lib/display-window';
import type { DecodedTile } from '../../lib/tiles/region-tile';
import {
  levelRectToImage,
  tileKey,
  tileLevelRect,
  type TileCoord,
} from '../../lib/tiles/tile-grid';
import type { TilePlan } from '../../lib/tiles/tile-source';
import type { PageSize } from '../../lib/tiles/pyramid';

interface DrawnTile {
  source: DecodedTile;
  canvas: HTMLCanvasElement;
  node: Konva.Image;
  window: DisplayRange | null;
}

/** A failed tile: a dim red square with a hairline edge, over whatever coarser tile is there. */
const FAILED_FILL = 'rgba(200, 40, 40, 0.35)';
const FAILED_STROKE = 'rgba(255, 80, 80, 0.9)';
const MAX_SCRATCH_BUFFERS = 8;

export class TiledImage {
  readonly group = new Konva.Group({ listening: false });
  private readonly drawn = new Map<string, DrawnTile>();
  private readonly failedMarks = new Konva.Group({ listening: false });
  /** One RGBA buffer per tile size, reused: a window drag re-renders every tile each frame. */
  private readonly scratch = new Map<string, ImageData>();

  constructor(layer: Konva.Layer) {
    layer.add(this.group);
  }

  /** Draws the plan in order: coarse stand-ins first, the level's own tiles over them. */
  draw(plan: TilePlan, page: PageSize, window: DisplayRange): void {
    const order = [...plan.backdrop, ...plan.ready];
    const keep = new Set<string>();
    this.group.removeChildren();
    for (const tile of order) {
      const key = tileKey(tile.tile);
      keep.add(key);
      const entry = this.entryFor(key, tile);
      if (entry.window?.low !== window.low || entry.window?.high !== window.high) {
        this.render(entry, window);
      }
      this.group.add(entry.node);
    }
    for (const [key, entry] of this.drawn) if (!keep.has(key)) this.release(key, entry);
    this.markFailed(plan.failed, page);
    this.group.add(this.failedMarks);
    // A level's last column and row stand for partial blocks drawn at full size: cut them at
    // the page's edge, where the labels and overlays end too.
    this.group.clip({ x: 0, y: 0, width: page.width, height: page.height });
    this.group.visible(true);
  }

  hide(): void {
    this.group.visible(false);
  }

  /** Lets every canvas go (another page, or a small one, is shown now). */
  clear(): void {
    for (const [key, entry] of this.drawn) this.release(key, entry);
    this.failedMarks.destroyChildren();
    this.scratch.clear();
    this.group.removeChildren();
    this.hide();
  }

  private entryFor(key: string, tile: DecodedTile): DrawnTile {
    const existing = this.drawn.get(key);
    // A tile dropped from the cache and fetched again is a new object: render it afresh.
    if (existing?.source === tile) return existing;
    if (existing) this.release(key, existing);
    const canvas = document.createElement('canvas');
    canvas.width = tile.rect.width;
    canvas.height = tile.rect.height;
    const place = levelRectToImage(tile.rect, tile.tile.level);
    const node = new Konva.Image({ image: canvas, listening: false, ...place });
    const entry: DrawnTile = { source: tile, canvas, node, window: null };
    this.drawn.set(key, entry);
    return entry;
  }

  private render(entry: DrawnTile, window: DisplayRange): void {
    const { rect, channels, samples } = entry.source;
    const size = `${rect.width}x${rect.height}`;
    let image = this.scratch.get(size);
    if (!image) {
      // Edge tiles come in many sizes across levels: keep only a few buffers.
      if (this.scratch.size >= MAX_SCRATCH_BUFFERS) this.scratch.clear();
      image = new ImageData(rect.width, rect.height);
      this.scratch.set(size, image);
    }
    renderRgba({ width: rect.width, height: rect.height, channels, samples }, window, image.data);
    entry.canvas.getContext('2d')?.putImageData(image, 0, 0);
    entry.window = { ...window };
  }

  private release(key: string, entry: DrawnTile): void {
    entry.node.destroy();
    // A zero-sized canvas frees its backing store at once instead of at the next collection.
    entry.canvas.width = 0;
    entry.canvas.height = 0;
    this.drawn.delete(key);
  }

  private markFailed(failed: readonly TileCoord[], page: PageSize): void {
    this.failedMarks.destroyChildren();
    for (const tile of failed) {
      const place = levelRectToImage(tileLevelRect(tile, page), tile.level);
      this.failedMarks.add(
        new Konva.Rect({
          ...place,
          fill: FAILED_FILL,
          stroke: FAILED_STROKE,
          strokeWidth: 1,
          strokeScaleEnabled: false,
          listening: false,
        }),
      );
    }
  }
}
