// The tool layer above everything: the brush outline under the pointer and the lasso path. It
// is redrawn on every pointer move, so it holds only these few shapes.
import Konva from 'konva';
import { brushCentre, type ImagePoint } from '../../lib/annotation/brush';

/** Below this many screen pixels the outline would vanish under the pointer. */
const MIN_OUTLINE_RADIUS_PX = 3;

export class ToolOverlay {
  readonly layer = new Konva.Layer({ listening: false });
  // Two outlines, dark under light, so the brush shows on bright and dark images alike.
  private readonly brushShadow = new Konva.Circle({
    stroke: 'rgba(0, 0, 0, 0.8)',
    strokeWidth: 3,
    strokeScaleEnabled: false,
    visible: false,
  });
  private readonly brush = new Konva.Circle({
    stroke: '#ffffff',
    strokeWidth: 1,
    strokeScaleEnabled: false,
    visible: false,
  });
  private readonly lasso = new Konva.Line({
    stroke: '#ffffff',
    strokeWidth: 1.5,
    dash: [6, 4],
    strokeScaleEnabled: false,
    visible: false,
  });

  constructor() {
    this.layer.add(this.brushShadow, this.brush, this.lasso);
  }

  showBrush(pointer: ImagePoint, size: number, colour: string, erasing: boolean, scale: number) {
    const centre = brushCentre(pointer, size);
    const radius = Math.max(size / 2, MIN_OUTLINE_RADIUS_PX / scale);
    for (const circle of [this.brushShadow, this.brush]) {
      circle.setAttrs({ x: centre.x, y: centre.y, radius, visible: true });
    }
    this.brush.setAttrs({ stroke: erasing ? '#ffffff' : colour, dash: erasing ? [4, 3] : [] });
    this.layer.batchDraw();
  }

  hideBrush(): void {
    if (!this.brush.visible()) return;
    this.brush.visible(false);
    this.brushShadow.visible(false);
    this.layer.batchDraw();
  }

  /** The outline so far; `cursor` adds the rubber band from the last corner to the pointer. */
  showLasso(points: readonly ImagePoint[], cursor: ImagePoint | null, closed: boolean): void {
    const all = cursor ? [...points, cursor] : points;
    this.lasso.points(all.flatMap((p) => [p.x, p.y]));
    this.lasso.closed(closed);
    this.lasso.visible(all.length > 1);
    this.layer.batchDraw();
  }

  hideLasso(): void {
    this.lasso.visible(false);
    this.layer.batchDraw();
  }
}
