// The label layer: one image-sized offscreen canvas holding the label map in class colours,
// shown by one Konva.Image. A stroke redraws only the rectangle it changed (putImageData with a
// dirty rect), so painting costs the same on a 4096 x 4096 image as on a small one.
import Konva from 'konva';
import { colouriseRect } from '../../lib/annotation/label-colours';
import type { PixelRect } from '../../lib/annotation/pixel-rect';
import type { PageLabels, RedrawRegion } from '../../stores/labels';

/** Full redraws go in bands, so a large image never needs a second image-sized RGBA buffer. */
const BAND_ROWS = 256;

export class LabelCanvas {
  readonly node: Konva.Image;
  private readonly canvas = document.createElement('canvas');
  private readonly context: CanvasRenderingContext2D | null;
  /** The page whose labels the canvas holds, so that another page is always drawn whole. */
  private drawn: PageLabels | null = null;

  constructor(layer: Konva.Layer) {
    this.context = this.canvas.getContext('2d');
    this.node = new Konva.Image({ image: this.canvas, visible: false, listening: false });
    layer.add(this.node);
  }

  /** The image id whose labels are on the canvas now, or null. */
  get imageId(): number | null {
    return this.node.visible() ? (this.drawn?.imageId ?? null) : null;
  }

  hide(): void {
    this.node.visible(false);
  }

  /** Hides and frees the canvas (a large page, drawn in tiles, is shown now). */
  release(): void {
    this.hide();
    this.canvas.width = 0;
    this.canvas.height = 0;
    this.drawn = null;
  }

  draw(page: PageLabels, region: RedrawRegion | null, colours: Uint32Array): void {
    if (!this.context) return;
    let rect: RedrawRegion | null = region;
    if (this.drawn !== page) {
      if (this.canvas.width !== page.width || this.canvas.height !== page.height) {
        this.canvas.width = page.width;
        this.canvas.height = page.height;
      }
      this.drawn = page;
      rect = 'all';
    }
    if (rect === 'all') {
      for (let y = 0; y < page.height; y += BAND_ROWS) {
        const rows = Math.min(BAND_ROWS, page.height - y);
        this.put(page, { x: 0, y, width: page.width, height: rows }, colours);
      }
    } else if (rect) {
      this.put(page, rect, colours);
    }
    this.node.size({ width: page.width, height: page.height });
    this.node.visible(true);
  }

  private put(page: PageLabels, rect: PixelRect, colours: Uint32Array): void {
    const rgba = colouriseRect(page.data, page.width, rect, colours);
    this.context?.putImageData(new ImageData(rgba, rect.width, rect.height), rect.x, rect.y);
  }
}
