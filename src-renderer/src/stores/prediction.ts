// The project's models, and reviewing one model's prediction of the page in view: the class
// mask and the probability map as overlays, the tile grid, and "Accept as labels", after which
// the person corrects the prediction with the brush (the accept is one undo step). A page shown
// tiled gets its overlays as byte maps the image view colours per visible tile, never a canvas
// of the whole page; above MAX_WHOLE_PAGE_OVERLAY_PIXELS the studio sends no probability map.
import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef, watch } from 'vue';
import type { ModelSummary, PredictionView } from '../../../src-preload/contract';
import { getStudioApi } from '../api';
import { classColourTable, classPalette, renderClassRgba } from '../lib/class-colours';
import { colourMapIndices, colourMapTable, renderColourMapRgba } from '../lib/colormap';
import { canvasFromRgba } from '../lib/overlay-canvas';
import { viewSamples } from '../lib/pixels';
import { isLargePage } from '../lib/tiles/pyramid';
import { useLabelsStore } from './labels';
import { useNotificationsStore } from './notifications';
import { useOverlaysStore } from './overlays';
import { useProjectStore } from './project';
import { useViewerStore } from './viewer';

/** What the panel shows about the prediction on screen; its pixels live in the overlays. */
export type PredictionResult = Omit<PredictionView, 'classes' | 'foregroundProbability'> & {
  /** False for a page too large for a probability map (the studio sent none). */
  hasProbability: boolean;
  /** True when the overlays are drawn tile by tile (a page shown tiled). */
  tiled: boolean;
};

function newestFirst(a: ModelSummary, b: ModelSummary): number {
  return b.createdAt.localeCompare(a.createdAt) || b.id - a.id;
}

export const usePredictionStore = defineStore('prediction', () => {
  const api = getStudioApi();
  const notifications = useNotificationsStore();
  const overlays = useOverlaysStore();
  const viewer = useViewerStore();
  const project = useProjectStore();
  const labels = useLabelsStore();

  const models = ref<ModelSummary[]>([]);
  const selectedModelId = ref<number | null>(null);
  /** Two models whose metrics are shown side by side. */
  const compareModelIds = ref<[number | null, number | null]>([null, null]);

  const tta = ref(false);
  const predicting = ref(false);
  const result = shallowRef<PredictionResult | null>(null);
  const showClasses = ref(true);
  const classOpacity = ref(0.5);
  const showProbability = ref(false);
  const probabilityOpacity = ref(0.7);
  const showTileGrid = ref(false);
  const accepting = ref(false);
  const acceptedPredictionId = ref<number | null>(null);

  // Only the answer to the latest request is shown: the page may have changed meanwhile.
  let requestToken = 0;

  async function loadModels(selectId?: number): Promise<void> {
    const answer = await notifications.call(api['models:list']({}));
    if (!answer.ok) return;
    models.value = [...answer.value].sort(newestFirst);
    const ids = new Set(models.value.map((model) => model.id));
    if (selectId !== undefined && ids.has(selectId)) selectedModelId.value = selectId;
    else if (selectedModelId.value === null || !ids.has(selectedModelId.value)) {
      selectedModelId.value = models.value[0]?.id ?? null;
    }
    compareModelIds.value = compareModelIds.value.map((id) =>
      id !== null && ids.has(id) ? id : null,
    ) as [number | null, number | null];
  }

  async function rename(modelId: number, name: string): Promise<boolean> {
    const answer = await notifications.call(api['models:rename']({ modelId, name: name.trim() }));
    if (!answer.ok) return false;
    models.value = models.value.map((model) => (model.id === modelId ? answer.value : model));
    return true;
  }

  function showTiles(): void {
    const shown = result.value;
    overlays.showTiles(
      shown && showTileGrid.value
        ? { imageId: shown.imageId, page: shown.page, tiles: shown.tiles }
        : null,
    );
  }

  /** The class map on screen, kept so a class recoloured in the Classes panel repaints it. */
  let shownClasses: {
    imageId: number;
    page: number;
    width: number;
    height: number;
    data: Uint8Array;
  } | null = null;

  function drawClasses(): void {
    const shown = shownClasses;
    if (shown === null) return;
    const classes = project.info?.classes ?? [];
    const { imageId, page, width, height, data } = shown;
    const look = { imageId, page, opacity: classOpacity.value, visible: showClasses.value };
    if (isLargePage(shown)) {
      // Byte maps coloured per visible tile: no canvas of the whole page.
      overlays.setTiled('prediction', {
        map: { imageId, page, width, height, data },
        colours: classColourTable(classes),
        ...look,
      });
    } else {
      const rgba = renderClassRgba(data, classPalette(classes));
      overlays.set('prediction', { canvas: canvasFromRgba(width, height, rgba), ...look });
    }
  }

  function draw(view: PredictionView): void {
    const page = { imageId: view.imageId, page: view.page };
    const tiled = isLargePage(view);
    const probabilityLook = {
      ...page,
      opacity: probabilityOpacity.value,
      visible: showProbability.value,
    };
    const size = { ...page, width: view.width, height: view.height };
    shownClasses = markRaw({ ...size, data: view.classes });
    drawClasses();
    if (view.foregroundProbability === null) {
      overlays.clear('probability');
    } else {
      const probability = viewSamples(view.foregroundProbability, 'float32');
      if (tiled) {
        overlays.setTiled('probability', {
          map: { ...size, data: colourMapIndices(probability, 1) },
          colours: colourMapTable(),
          ...probabilityLook,
        });
      } else {
        overlays.set('probability', {
          canvas: canvasFromRgba(
            view.width,
            view.height,
            renderColourMapRgba(probability, { max: 1, zeroIsTransparent: false }),
          ),
          ...probabilityLook,
        });
      }
    }
    const { classes: _classes, foregroundProbability, ...rest } = view;
    result.value = markRaw({ ...rest, hasProbability: foregroundProbability !== null, tiled });
    showTiles();
  }

  function clearResult(): void {
    requestToken++;
    shownClasses = null;
    predicting.value = false;
    result.value = null;
    acceptedPredictionId.value = null;
    overlays.clear('prediction');
    overlays.clear('probability');
    overlays.showTiles(null);
  }

  async function predict(): Promise<void> {
    const imageId = viewer.imageId;
    const modelId = selectedModelId.value;
    if (imageId === null || modelId === null || predicting.value) return;
    clearResult();
    const token = requestToken;
    predicting.value = true;
    const answer = await notifications.call(
      api['predict:image']({ imageId, page: viewer.page, modelId, tta: tta.value }),
    );
    if (token !== requestToken) return;
    predicting.value = false;
    if (answer.ok) draw(answer.value);
  }

  /** Stops the prediction: the compute process halts it between two tiles. */
  function cancelPredict(): void {
    requestToken++;
    predicting.value = false;
    void notifications.call(api['predict:cancel']({}));
  }

  async function accept(): Promise<void> {
    const shown = result.value;
    if (!shown || accepting.value) return;
    accepting.value = true;
    try {
      const answer = await notifications.call(
        api['predict:accept']({ predictionId: shown.predictionId }),
      );
      if (!answer.ok) return;
      await labels.adoptSavedLabels(shown.imageId, shown.page);
      acceptedPredictionId.value = shown.predictionId;
      // The labels now show the same classes; the mask on top would hide the brush's edits.
      showClasses.value = false;
    } catch (error) {
      console.error('Reading back accepted labels failed', error);
      notifications.reportError({
        code: 'internal',
        message:
          'The prediction was saved as labels, but the view could not show them. Select the image again.',
      });
    } finally {
      accepting.value = false;
    }
  }

  watch(() => [viewer.imageId, viewer.page], clearResult);
  watch(showClasses, (visible) => overlays.update('prediction', { visible }));
  watch(classOpacity, (opacity) => overlays.update('prediction', { opacity }));
  watch(showProbability, (visible) => overlays.update('probability', { visible }));
  watch(probabilityOpacity, (opacity) => overlays.update('probability', { opacity }));
  watch(showTileGrid, showTiles);
  // A class recoloured (or renamed, added) while a prediction is on screen: repaint its mask.
  watch(
    () => (project.info?.classes ?? []).map((c) => `${c.index}:${c.colour}`).join(),
    drawClasses,
  );

  function reset(): void {
    clearResult();
    models.value = [];
    selectedModelId.value = null;
    compareModelIds.value = [null, null];
    showClasses.value = true;
  }

  return {
    models,
    selectedModelId,
    compareModelIds,
    tta,
    predicting,
    result,
    showClasses,
    classOpacity,
    showProbability,
    probabilityOpacity,
    showTileGrid,
    accepting,
    acceptedPredictionId,
    loadModels,
    rename,
    predict,
    cancelPredict,
    accept,
    reset,
  };
});
