// The paper's weight map w(x) of the page in view, drawn as a colour-map overlay. It is
// recomputed whenever what it depends on changes: the page, w0 and sigma, and the painted
// labels (each saved stroke bumps `labels.savedRevision`).
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef, watch } from 'vue';
import { MAX_WHOLE_PAGE_OVERLAY_PIXELS, type WeightMapView } from '../../../src-preload/contract';
import { getStudioApi } from '../api';
import { renderColourMapRgba } from '../lib/colormap';
import { canvasFromRgba } from '../lib/overlay-canvas';
import { viewSamples } from '../lib/pixels';
import { useLabelsStore } from './labels';
import { useNotificationsStore } from './notifications';
import { useOverlaysStore } from './overlays';
import { useViewerStore } from './viewer';

/** Typing in w0 or sigma waits this long for the next key before recomputing. */
const PARAMETER_DEBOUNCE_MS = 350;
/** A burst of saved strokes recomputes once. */
const STROKE_DEBOUNCE_MS = 150;

export const W0_RANGE = { min: 0, max: 100 } as const;
export const SIGMA_RANGE = { min: 0.5, max: 100 } as const;

/** What the legend shows about the map on screen (the pixels themselves live in the canvas). */
export type WeightLegend = Omit<WeightMapView, 'data'>;

export const useWeightsStore = defineStore('weights', () => {
  const api = getStudioApi();
  const notifications = useNotificationsStore();
  const overlays = useOverlaysStore();
  const viewer = useViewerStore();
  const labels = useLabelsStore();

  const visible = ref(false);
  const w0 = ref(10);
  const sigma = ref(5);
  const opacity = ref(0.7);
  const computing = ref(false);
  const legend = shallowRef<WeightLegend | null>(null);
  /** Bumped every time a new map is drawn (tests wait for it). */
  const drawnRevision = ref(0);

  const parameterProblem = computed(() => {
    const page = viewer.shown;
    // The studio refuses to compute a whole-page map this large; say so once, here.
    if (page && page.width * page.height > MAX_WHOLE_PAGE_OVERLAY_PIXELS) {
      return `This image is ${page.width} x ${page.height}: its weight map is too large to show (training still uses it).`;
    }
    if (!(w0.value >= W0_RANGE.min && w0.value <= W0_RANGE.max)) {
      return `w0 must be between ${W0_RANGE.min} and ${W0_RANGE.max}.`;
    }
    if (!(sigma.value >= SIGMA_RANGE.min && sigma.value <= SIGMA_RANGE.max)) {
      return `Sigma must be between ${SIGMA_RANGE.min} and ${SIGMA_RANGE.max} pixels.`;
    }
    return null;
  });

  // Only the answer to the latest request is drawn: the page or the labels may have changed
  // while an older one was computing.
  let requestToken = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function draw(view: WeightMapView): void {
    const values = viewSamples(view.data, 'float32');
    const rgba = renderColourMapRgba(values, { max: view.max, zeroIsTransparent: true });
    overlays.set('weights', {
      canvas: canvasFromRgba(view.width, view.height, rgba),
      imageId: view.imageId,
      page: view.page,
      opacity: opacity.value,
      visible: true,
    });
    const { data: _pixels, ...rest } = view;
    legend.value = markRaw(rest);
    drawnRevision.value++;
  }

  async function recompute(): Promise<void> {
    const imageId = viewer.imageId;
    if (!visible.value || imageId === null || parameterProblem.value) return;
    const token = ++requestToken;
    computing.value = true;
    const result = await notifications.call(
      api['weights:compute']({ imageId, page: viewer.page, w0: w0.value, sigma: sigma.value }),
    );
    if (token !== requestToken) return;
    computing.value = false;
    if (result.ok && visible.value) draw(result.value);
  }

  function schedule(delayMs: number): void {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void recompute();
    }, delayMs);
  }

  function forgetMap(): void {
    requestToken++;
    computing.value = false;
    legend.value = null;
    overlays.clear('weights');
  }

  watch(visible, (shown) => {
    if (shown) schedule(0);
    else forgetMap();
  });
  watch([w0, sigma], () => schedule(PARAMETER_DEBOUNCE_MS));
  watch(
    () => [viewer.imageId, viewer.page],
    () => {
      // The old page's map must not stay over the new page while the new one computes.
      forgetMap();
      schedule(0);
    },
  );
  watch(
    () => labels.savedRevision,
    () => schedule(STROKE_DEBOUNCE_MS),
  );
  watch(opacity, (value) => overlays.update('weights', { opacity: value }));

  function reset(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    visible.value = false;
    forgetMap();
  }

  return {
    visible,
    w0,
    sigma,
    opacity,
    computing,
    legend,
    drawnRevision,
    parameterProblem,
    recompute,
    reset,
  };
});
