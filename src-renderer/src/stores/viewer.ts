// What the image view shows: the selected image and page, its pixels, the live display window
// (which may differ from the saved one until "Save"), and the zoom/pan transform. A page above
// LARGE_IMAGE_PIXELS is never fetched whole: it is shown tile by tile from the studio's pyramid
// (`tiled`, a TileSource the image view asks for the tiles it needs).
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import type { DisplayRange, PixelDtype } from '../../../src-preload/contract';
import { clampWindow } from '../lib/display-window';
import { decodePage, sampleRange, valuesAt, type DecodedPage } from '../lib/pixels';
import { isLargePage, levelCount } from '../lib/tiles/pyramid';
import { decodeRegion, regionRequest, type PageRef } from '../lib/tiles/region-tile';
import { TileSource, type TiledPage } from '../lib/tiles/tile-source';
import type { TileCoord } from '../lib/tiles/tile-grid';
import {
  actualSize,
  fitView,
  zoomAround,
  type Point,
  type Size,
  type ViewTransform,
} from '../lib/zoom';
import { getStudioApi } from '../api';
import { useImagesStore } from './images';
import { useNotificationsStore } from './notifications';

const FIT_PADDING = 16;

export interface PixelReadout {
  x: number;
  y: number;
  values: number[];
  /** 0: the pixel's own values; L > 0: the mean of its 2^L x 2^L block (finer tiles not here). */
  level: number;
}

/** The page on screen, whichever way it is drawn: its size, sample type and value range. */
export interface ShownPage {
  imageId: number;
  page: number;
  width: number;
  height: number;
  channels: number;
  dtype: PixelDtype;
  min: number;
  max: number;
}

/** A large page on screen: what is known of it, and where its tiles come from. */
export interface TiledView {
  page: TiledPage;
  source: TileSource;
}

export type ViewMode = 'whole' | 'tiled';

export const useViewerStore = defineStore('viewer', () => {
  const api = getStudioApi();
  const notifications = useNotificationsStore();
  const images = useImagesStore();

  const imageId = ref<number | null>(null);
  const page = ref(0);
  /** Decoded pixels of the shown page; never deep-reactive (millions of samples). */
  const pixels = shallowRef<DecodedPage | null>(null);
  /** The shown large page (then `pixels` stays null). */
  const tiled = shallowRef<TiledView | null>(null);
  const loading = ref(false);
  const display = ref<DisplayRange | null>(null);
  /** Bumped whenever what the image layer must draw changes (pixels, window, a tile arrived). */
  const revision = ref(0);
  const view = ref<ViewTransform>({ scale: 1, x: 0, y: 0 });
  const viewport = ref<Size>({ width: 0, height: 0 });
  const readout = ref<PixelReadout | null>(null);
  // Answers to earlier requests are dropped: the person may click through images quickly.
  let loadToken = 0;
  // A fit asked for before the view had a size (first image, panel still laying out).
  let fitPending = false;

  const summary = computed(() =>
    imageId.value === null ? null : (images.byId.get(imageId.value) ?? null),
  );
  const displayChanged = computed(() => {
    const saved = summary.value?.display;
    const live = display.value;
    return !!saved && !!live && (saved.low !== live.low || saved.high !== live.high);
  });

  const shown = computed<ShownPage | null>(() => pixels.value ?? tiled.value?.page ?? null);
  const viewMode = computed<ViewMode | null>(() =>
    tiled.value ? 'tiled' : pixels.value ? 'whole' : null,
  );

  const windowStep = computed(() => {
    const facts = shown.value;
    if (!facts || facts.dtype !== 'float32') return 1;
    return Math.max((facts.max - facts.min) / 1000, Number.EPSILON);
  });

  function reportUnreadable(what: string, error: unknown): void {
    console.error(`Undecodable pixels from ${what}`, error);
    notifications.reportError({
      code: 'unreadable-image',
      message: 'This image arrived in a form the viewer cannot show.',
    });
  }

  /** Lets the tiles of the last large page go (their requests stop, their memory is freed). */
  function replaceTiled(next: TiledView | null): void {
    tiled.value?.source.dispose();
    tiled.value = next ? markRaw(next) : null;
  }

  async function fetchWhole(id: number, pageIndex: number): Promise<DecodedPage | null> {
    const result = await notifications.call(api['images:pixels']({ imageId: id, page: pageIndex }));
    if (!result.ok) return null;
    try {
      return decodePage(result.value);
    } catch (error) {
      reportUnreadable('images:pixels', error);
      return null;
    }
  }

  /**
   * Opens a large page: its overview (the pyramid's top level, one tile) first, which also tells
   * the sample type and a value range for the sliders, then a TileSource for the rest.
   */
  async function openTiled(target: PageRef): Promise<TiledView | null> {
    const fetchTile = async (tile: TileCoord) => {
      const asked = regionRequest(target, tile);
      const result = await notifications.call(api['images:region'](asked));
      if (!result.ok) return null;
      try {
        return decodeRegion(result.value, asked, tile, target);
      } catch (error) {
        reportUnreadable('images:region', error);
        return null;
      }
    };
    const levels = levelCount(target);
    const overview = await fetchTile({ level: levels - 1, column: 0, row: 0 });
    if (!overview) return null;
    const page: TiledPage = {
      ...target,
      channels: overview.channels,
      dtype: overview.dtype,
      levels,
      ...sampleRange(overview.samples),
    };
    // Only the source on screen may ask for a redraw: a late answer for a page left behind
    // must not wake the view.
    const onSettled = () => {
      if (tiled.value?.source === source) revision.value++;
    };
    const source: TileSource = new TileSource(page, overview, fetchTile, onSettled);
    return { page, source };
  }

  async function load(fit: boolean): Promise<void> {
    const id = imageId.value;
    if (id === null) return;
    const token = ++loadToken;
    loading.value = true;
    const size = summary.value;
    const target = size && {
      imageId: id,
      page: page.value,
      width: size.width,
      height: size.height,
    };
    if (target && isLargePage(target)) {
      const next = await openTiled(target);
      if (token !== loadToken) {
        next?.source.dispose();
        return;
      }
      loading.value = false;
      if (!next) return;
      pixels.value = null;
      replaceTiled(next);
    } else {
      const next = await fetchWhole(id, page.value);
      if (token !== loadToken) return;
      loading.value = false;
      if (!next) return;
      replaceTiled(null);
      pixels.value = markRaw(next);
    }
    if (fit) fitToViewport();
    revision.value++;
  }

  async function select(id: number): Promise<void> {
    // Clicking the shown image again does nothing, unless its pixels failed to load: then retry.
    if (id === imageId.value && (shown.value || loading.value)) return;
    imageId.value = id;
    page.value = 0;
    pixels.value = null;
    replaceTiled(null);
    readout.value = null;
    display.value = summary.value ? { ...summary.value.display } : null;
    revision.value++;
    await load(true);
  }

  async function setPage(next: number): Promise<void> {
    const pages = summary.value?.pages ?? 1;
    const clamped = Math.min(pages - 1, Math.max(0, Math.round(next)));
    if (clamped === page.value) return;
    page.value = clamped;
    await load(false);
  }

  /** The window while a person drags a slider: drawn at once, saved only on request. */
  function setDisplay(edited: DisplayRange, changed: 'low' | 'high'): void {
    display.value = clampWindow(edited, changed, windowStep.value);
    revision.value++;
  }

  function adopt(saved: DisplayRange): void {
    display.value = { ...saved };
    revision.value++;
  }

  async function saveDisplay(): Promise<void> {
    if (imageId.value === null || !display.value) return;
    const saved = await images.setDisplay({ imageId: imageId.value, range: { ...display.value } });
    if (saved) adopt(saved.display);
  }

  async function autoContrast(): Promise<void> {
    if (imageId.value === null) return;
    const saved = await images.setDisplay({
      imageId: imageId.value,
      percentiles: { low: 0.5, high: 99.5 },
    });
    if (saved) adopt(saved.display);
  }

  function revertDisplay(): void {
    if (summary.value) adopt(summary.value.display);
  }

  function setViewport(size: Size): void {
    viewport.value = size;
    if (fitPending) fitToViewport();
  }

  function fitToViewport(): void {
    const facts = shown.value;
    fitPending = !!facts && viewport.value.width === 0;
    if (!facts || fitPending) return;
    view.value = fitView(facts, viewport.value, FIT_PADDING);
  }

  function showActualSize(): void {
    view.value = actualSize(view.value, viewport.value);
  }

  function zoomAt(point: Point, factor: number): void {
    view.value = zoomAround(view.value, point, factor);
  }

  function panTo(position: Point): void {
    view.value = { ...view.value, x: position.x, y: position.y };
  }

  function pointAt(imagePoint: Point | null): void {
    if (!imagePoint) {
      readout.value = null;
      return;
    }
    const { x, y } = imagePoint;
    const decoded = pixels.value;
    const found = decoded
      ? { values: valuesAt(decoded, x, y), level: 0 }
      : (tiled.value?.source.valuesAt(x, y) ?? null);
    readout.value = found?.values ? { x, y, values: found.values, level: found.level } : null;
  }

  function reset(): void {
    loadToken++;
    imageId.value = null;
    page.value = 0;
    pixels.value = null;
    replaceTiled(null);
    loading.value = false;
    display.value = null;
    readout.value = null;
    view.value = { scale: 1, x: 0, y: 0 };
    revision.value++;
  }

  return {
    imageId,
    page,
    pixels,
    tiled,
    shown,
    viewMode,
    loading,
    display,
    revision,
    view,
    viewport,
    readout,
    summary,
    displayChanged,
    windowStep,
    select,
    setPage,
    setDisplay,
    saveDisplay,
    autoContrast,
    revertDisplay,
    setViewport,
    fitToViewport,
    showActualSize,
    zoomAt,
    panTo,
    pointAt,
    reset,
  };
});
