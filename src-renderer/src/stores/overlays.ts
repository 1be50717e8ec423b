// What the panels lay over the image (weight map, prediction, probability map, training
// preview, tile grid), kept apart from how the image view draws it. Panels put RGBA canvases
// here, image-sized; the image view draws each visible one above the labels, in `ORDER`.
// A page too large for one canvas (shown tiled) gets a map of byte values and a colour table
// instead (`setTiled`), which the image view paints per visible tile like the labels.
import { defineStore } from 'pinia';
import { markRaw, shallowRef } from 'vue';
import type { PageLabels } from '../lib/annotation/page-autosave';

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

/**
 * An overlay of a tiled page: one byte per pixel (a class index, or a colour map entry) shaped
 * like a page's label map, and 256 RGBA colours packed as the label layer packs them. No canvas
 * is made for the whole page; the image view colours only the tiles on screen.
 */
export interface TiledOverlay {
  map: PageLabels;
  colours: Uint32Array;
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
  /** Overlays of tiled pages, drawn tile by tile; a key is in `layers` or here, never both. */
  const tiled = shallowRef<Partial<Record<OverlayKey, TiledOverlay>>>({});
  /** Output tiles of the last prediction, drawn as a grid when set. */
  const tileGrid = shallowRef<{ imageId: number; page: number; tiles: TileRect[] } | null>(null);
  /** Bumped on every change, for the canvas to watch. */
  const revision = shallowRef(0);

  function bump(): void {
    revision.value++;
  }

  function without<T>(record: Partial<Record<OverlayKey, T>>, key: OverlayKey) {
    const next = { ...record };
    delete next[key];
    return next;
  }

  function set(key: OverlayKey, overlay: RasterOverlay): void {
    layers.value = { ...layers.value, [key]: { ...overlay, canvas: markRaw(overlay.canvas) } };
    if (tiled.value[key]) tiled.value = without(tiled.value, key);
    bump();
  }

  function setTiled(key: OverlayKey, overlay: TiledOverlay): void {
    const raw = { ...overlay, map: markRaw(overlay.map), colours: markRaw(overlay.colours) };
    tiled.value = { ...tiled.value, [key]: raw };
    if (layers.value[key]) layers.value = without(layers.value, key);
    bump();
  }

  function update(key: OverlayKey, change: Partial<Pick<RasterOverlay, 'opacity' | 'visible'>>) {
    const current = layers.value[key];
    const currentTiled = tiled.value[key];
    if (current) layers.value = { ...layers.value, [key]: { ...current, ...change } };
    else if (currentTiled) tiled.value = { ...tiled.value, [key]: { ...currentTiled, ...change } };
    else return;
    bump();
  }

  function clear(key: OverlayKey): void {
    if (!layers.value[key] && !tiled.value[key]) return;
    layers.value = without(layers.value, key);
    tiled.value = without(tiled.value, key);
    bump();
  }

  function showTiles(grid: { imageId: number; page: number; tiles: TileRect[] } | null): void {
    tileGrid.value = grid;
    bump();
  }

  return { layers, tiled, tileGrid, revision, set, setTiled, update, clear, showTiles };
});
