// Draws what the panels put in the overlays store (weight map, prediction, ...) between the
// labels and the tool layer, each with its own opacity, plus the prediction's tile grid.
import Konva from 'konva';
import {
  OVERLAY_ORDER,
  type RasterOverlay,
  type OverlayKey,
  type TileRect,
} from '../../stores/overlays';

export interface OverlayScene {
  layers: Partial<Record<OverlayKey, RasterOverlay>>;
  tileGrid: { imageId: number; page: number; tiles: TileRect[] } | null;
  /** The image and page on screen; overlays made for another one are not drawn. */
  imageId: number | null;
  page: number;
  width: number;
  height: number;
}

export function drawOverlays(layer: Konva.Layer, scene: OverlayScene): void {
  layer.destroyChildren();
  const onScreen = (o: { imageId: number; page: number }) =>
    o.imageId === scene.imageId && o.page === scene.page;
  for (const key of OVERLAY_ORDER) {
    const overlay = scene.layers[key];
    if (!overlay || !overlay.visible || !onScreen(overlay)) continue;
    // Stretched to the image, so a canvas made at another resolution still lines up.
    layer.add(
      new Konva.Image({
        image: overlay.canvas,
        width: scene.width,
        height: scene.height,
        opacity: overlay.opacity,
        listening: false,
      }),
    );
  }
  const grid = scene.tileGrid;
  if (grid && onScreen(grid) && grid.tiles.length > 0) {
    // One shape for the whole grid: a large image has hundreds of tiles.
    layer.add(
      new Konva.Shape({
        sceneFunc: (context, shape) => {
          context.beginPath();
          for (const tile of grid.tiles) context.rect(tile.x, tile.y, tile.width, tile.height);
          context.strokeShape(shape);
        },
        stroke: 'rgba(255, 255, 255, 0.7)',
        strokeWidth: 1,
        strokeScaleEnabled: false,
        listening: false,
      }),
    );
  }
  layer.batchDraw();
}
