// Draws what the panels put in the overlays store (weight map, prediction, ...) between the
// labels and the tool layer, each with its own opacity, plus the prediction's tile grid. The
// overlays of a tiled page are `TiledLabels` groups the image view keeps in the same layer
// (named TILED_OVERLAY_NAME); they survive a redraw and are only put in their place in the order.
import Konva from 'konva';
import {
  OVERLAY_ORDER,
  type RasterOverlay,
  type OverlayKey,
  type TileRect,
} from '../../stores/overlays';

/** The name of the groups `drawOverlays` keeps (the tiled overlays). */
export const TILED_OVERLAY_NAME = 'tiled-overlay';

export interface OverlayScene {
  layers: Partial<Record<OverlayKey, RasterOverlay>>;
  tileGrid: { imageId: number; page: number; tiles: TileRect[] } | null;
  /** The image and page on screen; overlays made for another one are not drawn. */
  imageId: number | null;
  page: number;
  width: number;
  height: number;
}

/**
 * Rebuilds the layer's whole-page overlays and the tile grid; `tiled` are the groups of the
 * tiled overlays (drawn by the caller), moved into their place in OVERLAY_ORDER. Returns the
 * keys drawn from whole-page canvases.
 */
export function drawOverlays(
  layer: Konva.Layer,
  scene: OverlayScene,
  tiled: Partial<Record<OverlayKey, Konva.Group>> = {},
): OverlayKey[] {
  for (const child of [...layer.getChildren()]) {
    if (!child.hasName(TILED_OVERLAY_NAME)) child.destroy();
  }
  const onScreen = (o: { imageId: number; page: number }) =>
    o.imageId === scene.imageId && o.page === scene.page;
  const whole: OverlayKey[] = [];
  for (const key of OVERLAY_ORDER) {
    tiled[key]?.moveToTop();
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
    whole.push(key);
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
  return whole;
}
