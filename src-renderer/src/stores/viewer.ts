// What the image view shows: the selected image and page, its pixels, the live display window
// (which may differ from the saved one until "Save"), and the zoom/pan transform.
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import type { DisplayRange } from '../../../src-preload/contract';
import { clampWindow } from '../lib/display-window';
import { decodePage, valuesAt, type DecodedPage } from '../lib/pixels';
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
}

export const useViewerStore = defineStore('viewer', () => {
  const api = getStudioApi();
  const notifications = useNotificationsStore();
  const images = useImagesStore();

  const imageId = ref<number | null>(null);
  const page = ref(0);
  /** Decoded pixels of the shown page; never deep-reactive (millions of samples). */
  const pixels = shallowRef<DecodedPage | null>(null);
  const loading = ref(false);
  const display = ref<DisplayRange | null>(null);
  /** Bumped whenever what the image layer must draw changes (pixels or window). */
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

  const windowStep = computed(() => {
    const decoded = pixels.value;
    if (!decoded || decoded.dtype !== 'float32') return 1;
    return Math.max((decoded.max - decoded.min) / 1000, Number.EPSILON);
  });

  async function load(fit: boolean): Promise<void> {
    const id = imageId.value;
    if (id === null) return;
    const token = ++loadToken;
    loading.value = true;
    const result = await notifications.call(
      api['images:pixels']({ imageId: id, page: page.value }),
    );
    if (token !== loadToken) return;
    loading.value = false;
    if (!result.ok) return;
    try {
      pixels.value = markRaw(decodePage(result.value));
    } catch (error) {
      console.error('Undecodable pixels from images:pixels', error);
      notifications.reportError({
        code: 'unreadable-image',
        message: 'This image arrived in a form the viewer cannot show.',
      });
      return;
    }
    if (fit) fitToViewport();
    revision.value++;
  }

  async function select(id: number): Promise<void> {
    // Clicking the shown image again does nothing, unless its pixels failed to load: then retry.
    if (id === imageId.value && (pixels.value || loading.value)) return;
    imageId.value = id;
    page.value = 0;
    pixels.value = null;
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
    const decoded = pixels.value;
    fitPending = !!decoded && viewport.value.width === 0;
    if (!decoded || fitPending) return;
    view.value = fitView(decoded, viewport.value, FIT_PADDING);
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
    const decoded = pixels.value;
    const values = decoded && imagePoint ? valuesAt(decoded, imagePoint.x, imagePoint.y) : null;
    readout.value = values && imagePoint ? { x: imagePoint.x, y: imagePoint.y, values } : null;
  }

  function reset(): void {
    loadToken++;
    imageId.value = null;
    page.value = 0;
    pixels.value = null;
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
