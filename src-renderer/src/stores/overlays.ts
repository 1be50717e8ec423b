// What the panels lay over the image (weight map, prediction, probability map, training
// preview, tile grid), kept apart from how the image view draws it. Panels put RGBA canvases
// here, image-sized; the image view draws each visible one above the labels, in `ORDER`.
import { defineStore } from 'pinia';
import { markRaw, shallowRef } from 'vue';

export type OverlayKey = 'weights' | 'prediction' | 'probability' | 'preview';

/** Bottom to top. */
export const OVERLAY_ORDER: readonly OverlayKey[] = [
  'weights',
  'probability',
  'prediction',
  'preview',
];

export interface RasterOverlay {
  /** Image-sized canvas; drawn with image-pixel coordinates like the image itself. */
  canvas: HTMLCanvasElement;
  imageId: number;
  page: number;
  opacity: number;
  visible: boolean;
}

export interface TileRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const useOverlaysStore = defineStore('overlays', () => {
  const layers = shallowRef<Partial<Record<OverlayKey, RasterOverlay>>>({});
  /** Output tiles of the last prediction, drawn as a grid when set. */
  const tileGrid = shallowRef<{ imageId: number; page: number; tiles: TileRect[] } | null>(null);
  /** Bumped on every change, for the canvas to watch. */
  const revision = shallowRef(0);

  function bump(): void {
    revision.value++;
  }

  function set(key: OverlayKey, overlay: RasterOverlay): void {
    layers.value = { ...layers.value, [key]: { ...overlay, canvas: markRaw(overlay.canvas) } };
    bump();
  }

  function update(key: OverlayKey, change: Partial<Pick<RasterOverlay, 'opacity' | 'visible'>>) {
    const current = layers.value[key];
    if (!current) return;
    layers.value = { ...layers.value, [key]: { ...current, ...change } };
    bump();
  }

  function clear(key: OverlayKey): void {
    if (!layers.value[key]) return;
    const next = { ...layers.value };
    delete next[key];
    layers.value = next;
    bump();
  }

  function showTiles(grid: { imageId: number; page: number; tiles: TileRect[] } | null): void {
    tileGrid.value = grid;
    bump();
  }

  return { layers, tileGrid, revision, set, update, clear, showTiles };
});
