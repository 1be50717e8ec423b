// The label layer of a large page: a canvas per visible tile of the view's level (the same grid
// as the image tiles), in class colours, instead of one page-sized canvas Chromium could not
// hold. Like LabelCanvas, a stroke repaints only the rectangle it changed, in the tiles it
// touches; tiles that leave the screen are let go, so memory follows the screen, not the page.
// The prediction's overlays of a tiled page (class mask, probability map) are further instances
// fed with byte maps of the same shape and their own colour tables.
import Konva from 'konva';
import { intersectRects, type PixelRect } from '../../lib/annotation/pixel-rect';
import { colouriseLevelRect, imageRectToLevel } from '../../lib/tiles/label-levels';
import {
  levelRectToImage,
  tileKey,
  tileLevelRect,
  type TileCoord,
  type TileGrid,
} from '../../lib/tiles/tile-grid';
import type { PageLabels, RedrawRegion } from '../../stores/labels';

interface LabelTile {
  tile: TileCoord;
  /** Level pixels of the tile. */
  rect: PixelRect;
  canvas: HTMLCanvasElement;
  node: Konva.Image;
  /** False until painted whole for the current page and colours. */
  valid: boolean;
}

export class TiledLabels {
  private readonly group = new Konva.Group({ listening: false, visible: false });
  private readonly tiles = new Map<string, LabelTile>();
  private drawn: PageLabels | null = null;

  /** `name` tags the group (the overlay layer keeps groups so named when it redraws). */
  constructor(parent: Konva.Layer | Konva.Group, name = '') {
    this.group.name(name);
    parent.add(this.group);
  }

  /** The group holding the tiles, for placing it among other nodes. */
  get node(): Konva.Group {
    return this.group;
  }

  /** How many tile canvases exist now (at most the visible tiles of the last draw). */
  get tileCount(): number {
    return this.tiles.size;
  }

  opacity(value: number): void {
    this.group.opacity(value);
  }

  /** The image id whose labels are on screen now, or null. */
  get imageId(): number | null {
    return this.group.visible() ? (this.drawn?.imageId ?? null) : null;
  }

  hide(): void {
    this.group.visible(false);
  }

  /** Lets every tile go (a small page, or none, is shown now). */
  clear(): void {
    for (const [key, tile] of this.tiles) this.release(key, tile);
    this.drawn = null;
    this.hide();
  }

  /**
   * Shows the grid's visible tiles of `page`. `region` is what changed since the last draw
   * (image pixels, or 'all' after a load or a class colour change); tiles already on screen
   * repaint only that, new ones are painted whole.
   */
  draw(page: PageLabels, grid: TileGrid, region: RedrawRegion | null, colours: Uint32Array): void {
    if (this.drawn !== page || region === 'all') {
      for (const tile of this.tiles.values()) tile.valid = false;
      this.drawn = page;
    } else if (region) {
      this.repaint(page, region, colours);
    }
    const visible = new Set(grid.visible.map(tileKey));
    for (const [key, tile] of this.tiles) if (!visible.has(key)) this.release(key, tile);
    for (const coord of grid.visible) {
      const key = tileKey(coord);
      const tile = this.tiles.get(key) ?? this.create(key, coord, page);
      if (!tile.valid) {
        this.put(page, tile, tile.rect, colours);
        tile.valid = true;
      }
    }
    // Edge tiles of a coarse level reach past the page (see TiledImage): cut them there.
    this.group.clip({ x: 0, y: 0, width: page.width, height: page.height });
    this.group.visible(true);
  }

  private repaint(page: PageLabels, changed: PixelRect, colours: Uint32Array): void {
    for (const tile of this.tiles.values()) {
      if (!tile.valid) continue;
      const level = imageRectToLevel(changed, tile.tile.level, page);
      const overlap = level && intersectRects(level, tile.rect);
      if (overlap) this.put(page, tile, overlap, colours);
    }
  }

  private create(key: string, coord: TileCoord, page: PageLabels): LabelTile {
    const rect = tileLevelRect(coord, page);
    const canvas = document.createElement('canvas');
    canvas.width = rect.width;
    canvas.height = rect.height;
    const node = new Konva.Image({
      image: canvas,
      listening: false,
      ...levelRectToImage(rect, coord.level),
    });
    this.group.add(node);
    const tile: LabelTile = { tile: coord, rect, canvas, node, valid: false };
    this.tiles.set(key, tile);
    return tile;
  }

  /** Paints `rect` (level pixels, inside the tile) of the labels into the tile's canvas. */
  private put(page: PageLabels, tile: LabelTile, rect: PixelRect, colours: Uint32Array): void {
    const rgba = colouriseLevelRect(page.data, page, rect, tile.tile.level, colours);
    tile.canvas
      .getContext('2d')
      ?.putImageData(
        new ImageData(rgba, rect.width, rect.height),
        rect.x - tile.rect.x,
        rect.y - tile.rect.y,
      );
  }

  private release(key: string, tile: LabelTile): void {
    tile.node.destroy();
    tile.canvas.width = 0;
    tile.canvas.height = 0;
    this.tiles.delete(key);
  }
}
