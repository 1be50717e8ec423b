import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fail, ok, type ModelSummary, type PredictionView } from '../../../../src-preload/contract';
import { useNotificationsStore } from '../../../../src-renderer/src/stores/notifications';
import { useOverlaysStore } from '../../../../src-renderer/src/stores/overlays';
import { usePredictionStore } from '../../../../src-renderer/src/stores/prediction';
import { useProjectStore } from '../../../../src-renderer/src/stores/project';
import { useViewerStore } from '../../../../src-renderer/src/stores/viewer';
import { deferred, fakeStudio, settle } from './fake-studio';
import { adoptSavedLabels, canvasFromRgba, type FakeCanvas } from './store-mocks';

vi.mock('../../../../src-renderer/src/api', async () => (await import('./store-mocks')).apiModule);
vi.mock(
  '../../../../src-renderer/src/lib/overlay-canvas',
  async () => (await import('./store-mocks')).overlayCanvasModule,
);
vi.mock(
  '../../../../src-renderer/src/stores/labels',
  async () => (await import('./store-mocks')).labelsModule,
);

function model(id: number, createdAt: string): ModelSummary {
  return {
    id,
    name: `Model ${id}`,
    runId: id,
    createdAt,
    steps: 100,
    backend: 'wasm',
    filters: 16,
    depth: 4,
    classes: [],
    annotatedImages: 1,
    labelledPixels: 100,
    metrics: null,
    hasOnnx: false,
  };
}

const view: PredictionView = {
  predictionId: 21,
  imageId: 3,
  page: 0,
  modelId: 2,
  width: 2,
  height: 1,
  classes: new Uint8Array([1, 2]),
  foregroundProbability: new Uint8Array(new Float32Array([0, 1]).buffer),
  tiles: [{ x: 0, y: 0, width: 2, height: 1 }],
  inputTile: 188,
  tta: false,
  engine: 'onnxruntime',
  seconds: 0.5,
};

beforeEach(() => {
  fakeStudio.reset();
  adoptSavedLabels.mockClear();
  canvasFromRgba.mockClear();
  setActivePinia(createPinia());
  useViewerStore().imageId = 3;
  useProjectStore().info = {
    dir: '/p',
    name: 'P',
    schemaVersion: 1,
    imageCount: 1,
    classes: [
      { index: 1, name: 'Background', colour: '#000080' },
      { index: 2, name: 'Cell', colour: '#00ff00' },
    ],
  };
});

describe('prediction store: models', () => {
  it('lists models newest first and keeps a valid selection', async () => {
    fakeStudio.answer('models:list', () =>
      ok([model(1, '2026-01-01T10:00:00Z'), model(2, '2026-02-01T10:00:00Z')]),
    );
    const prediction = usePredictionStore();
    await prediction.loadModels();
    expect(prediction.models.map((m) => m.id)).toEqual([2, 1]);
    expect(prediction.selectedModelId).toBe(2);
    await prediction.loadModels(1);
    expect(prediction.selectedModelId).toBe(1);
  });

  it('renames a model in the list', async () => {
    fakeStudio.answer('models:list', () => ok([model(1, '2026-01-01T10:00:00Z')]));
    fakeStudio.answer('models:rename', (request) =>
      ok({ ...model(1, '2026-01-01T10:00:00Z'), name: request.name }),
    );
    const prediction = usePredictionStore();
    await prediction.loadModels();
    expect(await prediction.rename(1, '  Nuclei v1 ')).toBe(true);
    expect(fakeStudio.requests('models:rename')).toEqual([{ modelId: 1, name: 'Nuclei v1' }]);
    expect(prediction.models[0]?.name).toBe('Nuclei v1');
  });
});

describe('prediction store: review', () => {
  async function predicted() {
    fakeStudio.answer('models:list', () => ok([model(2, '2026-01-01T10:00:00Z')]));
    fakeStudio.answer('predict:image', () => ok(view));
    const prediction = usePredictionStore();
    await prediction.loadModels();
    prediction.tta = true;
    await prediction.predict();
    return prediction;
  }

  it('shows the class mask and the probability map, and the tile grid on request', async () => {
    const prediction = await predicted();
    const overlays = useOverlaysStore();
    expect(fakeStudio.requests('predict:image')).toEqual([
      { imageId: 3, page: 0, modelId: 2, tta: true },
    ]);
    expect(prediction.result?.predictionId).toBe(21);
    const classes = overlays.layers.prediction?.canvas as unknown as FakeCanvas;
    expect(Array.from(classes.rgba)).toEqual([0, 0, 0x80, 255, 0, 255, 0, 255]);
    const probability = overlays.layers.probability?.canvas as unknown as FakeCanvas;
    expect(Array.from(probability.rgba)).toEqual([0x44, 0x01, 0x54, 255, 0xfd, 0xe7, 0x25, 255]);
    expect(overlays.layers.probability?.visible).toBe(false);
    expect(overlays.tileGrid).toBeNull();

    prediction.showTileGrid = true;
    await settle();
    expect(overlays.tileGrid).toEqual({ imageId: 3, page: 0, tiles: view.tiles });
  });

  it('accepts as labels, then has the labels store re-read the page as one undo step', async () => {
    fakeStudio.answer('predict:accept', () => ok({ revision: 4, labelledPixels: 2 }));
    const prediction = await predicted();
    await prediction.accept();
    expect(fakeStudio.requests('predict:accept')).toEqual([{ predictionId: 21 }]);
    expect(adoptSavedLabels).toHaveBeenCalledWith(3, 0);
    expect(prediction.acceptedPredictionId).toBe(21);
    await settle();
    expect(useOverlaysStore().layers.prediction?.visible).toBe(false);
  });

  it('repaints the shown mask when a class is recoloured, keeping its look', async () => {
    const prediction = await predicted();
    prediction.classOpacity = 0.3;
    await settle();
    const project = useProjectStore();
    project.info = {
      ...project.info!,
      classes: project.info!.classes.map((c) => (c.index === 2 ? { ...c, colour: '#ff0000' } : c)),
    };
    await settle();
    const overlays = useOverlaysStore();
    const classes = overlays.layers.prediction?.canvas as unknown as FakeCanvas;
    expect(Array.from(classes.rgba)).toEqual([0, 0, 0x80, 255, 255, 0, 0, 255]);
    expect(overlays.layers.prediction).toMatchObject({ opacity: 0.3, visible: true });
    // Nothing on screen: a recolour draws nothing.
    useViewerStore().imageId = 4;
    await settle();
    project.info = { ...project.info!, classes: [...project.info!.classes].reverse() };
    await settle();
    expect(overlays.layers.prediction).toBeUndefined();
  });

  it('clears the overlays when another image is shown', async () => {
    const prediction = await predicted();
    prediction.showTileGrid = true;
    await settle();
    useViewerStore().imageId = 4;
    await settle();
    const overlays = useOverlaysStore();
    expect(prediction.result).toBeNull();
    expect(overlays.layers.prediction).toBeUndefined();
    expect(overlays.layers.probability).toBeUndefined();
    expect(overlays.tileGrid).toBeNull();
  });
});

describe('prediction store: large pages', () => {
  // Just over LARGE_IMAGE_PIXELS: the viewer shows it tiled.
  const WIDTH = 4097;
  const HEIGHT = 4096;

  function largeView(withProbability: boolean): PredictionView {
    const classes = new Uint8Array(WIDTH * HEIGHT).fill(1);
    classes[1] = 2;
    const probability = new Float32Array(WIDTH * HEIGHT);
    probability[1] = 1;
    return {
      ...view,
      width: WIDTH,
      height: HEIGHT,
      classes,
      foregroundProbability: withProbability ? new Uint8Array(probability.buffer) : null,
      tiles: [{ x: 0, y: 0, width: WIDTH, height: HEIGHT }],
    };
  }

  async function predictedLarge(answer: PredictionView) {
    fakeStudio.answer('models:list', () => ok([model(2, '2026-01-01T10:00:00Z')]));
    fakeStudio.answer('predict:image', () => ok(answer));
    const prediction = usePredictionStore();
    await prediction.loadModels();
    await prediction.predict();
    return prediction;
  }

  it('shows no probability layer when the studio sent no probability map', async () => {
    const answer = largeView(false);
    const prediction = await predictedLarge(answer);
    const overlays = useOverlaysStore();
    expect(prediction.result?.hasProbability).toBe(false);
    expect(overlays.layers.probability).toBeUndefined();
    expect(overlays.tiled.probability).toBeUndefined();
    // The class mask is still there, and so is accepting it.
    expect(overlays.tiled.prediction?.map.data).toBe(answer.classes);
    fakeStudio.answer('predict:accept', () => ok({ revision: 1, labelledPixels: WIDTH * HEIGHT }));
    await prediction.accept();
    expect(prediction.acceptedPredictionId).toBe(21);
  });

  it('a small page without a probability map keeps its class canvas and no probability', async () => {
    const prediction = await predictedLarge({ ...view, foregroundProbability: null });
    const overlays = useOverlaysStore();
    expect(prediction.result).toMatchObject({ hasProbability: false, tiled: false });
    expect(overlays.layers.prediction).toBeDefined();
    expect(overlays.layers.probability).toBeUndefined();
    expect(canvasFromRgba).toHaveBeenCalledTimes(1);
  });

  it('builds no page-sized canvas for a tiled page: byte maps for the image view tiles', async () => {
    const answer = largeView(true);
    const prediction = await predictedLarge(answer);
    const overlays = useOverlaysStore();
    expect(canvasFromRgba).not.toHaveBeenCalled();
    expect(overlays.layers).toEqual({});
    expect(prediction.result).toMatchObject({ hasProbability: true, tiled: true });

    const classes = overlays.tiled.prediction;
    expect(classes).toMatchObject({ imageId: 3, page: 0, opacity: 0.5, visible: true });
    expect(classes?.map).toMatchObject({ imageId: 3, page: 0, width: WIDTH, height: HEIGHT });
    expect(classes?.map.data).toBe(answer.classes);
    const classColours = new Uint8Array(classes?.colours.buffer ?? new ArrayBuffer(0));
    expect(Array.from(classColours.subarray(4, 12))).toEqual([0, 0, 0x80, 255, 0, 255, 0, 255]);

    const probability = overlays.tiled.probability;
    expect(probability).toMatchObject({ opacity: 0.7, visible: false });
    expect(probability?.map.data.length).toBe(WIDTH * HEIGHT);
    expect(Array.from(probability?.map.data.subarray(0, 3) ?? [])).toEqual([0, 255, 0]);

    prediction.showClasses = false;
    prediction.classOpacity = 0.25;
    prediction.showProbability = true;
    await settle();
    expect(overlays.tiled.prediction).toMatchObject({ opacity: 0.25, visible: false });
    expect(overlays.tiled.probability?.visible).toBe(true);

    prediction.showTileGrid = true;
    await settle();
    expect(overlays.tileGrid).toEqual({ imageId: 3, page: 0, tiles: answer.tiles });

    // A recoloured class reaches the tiles through a new colour table, still without a canvas.
    const project = useProjectStore();
    project.info = {
      ...project.info!,
      classes: project.info!.classes.map((c) => (c.index === 2 ? { ...c, colour: '#ff0000' } : c)),
    };
    await settle();
    const recoloured = overlays.tiled.prediction;
    const table = new Uint8Array(recoloured?.colours.buffer ?? new ArrayBuffer(0));
    expect(Array.from(table.subarray(8, 12))).toEqual([255, 0, 0, 255]);
    expect(recoloured).toMatchObject({ opacity: 0.25, visible: false });
    expect(recoloured?.map.data).toBe(answer.classes);
    expect(canvasFromRgba).not.toHaveBeenCalled();
  });

  it('lets the tiled layers go when the page changes', async () => {
    const prediction = await predictedLarge(largeView(true));
    useViewerStore().page = 1;
    await settle();
    const overlays = useOverlaysStore();
    expect(prediction.result).toBeNull();
    expect(overlays.tiled).toEqual({});
    expect(overlays.layers).toEqual({});
  });
});

describe('overlays store', () => {
  it('holds a key either as a canvas or as a tiled map, never both', () => {
    const overlays = useOverlaysStore();
    const canvas = {} as HTMLCanvasElement;
    const look = { imageId: 1, page: 0, opacity: 1, visible: true };
    overlays.set('prediction', { canvas, ...look });
    const map = { imageId: 1, page: 0, width: 1, height: 1, data: new Uint8Array(1) };
    overlays.setTiled('prediction', { map, colours: new Uint32Array(256), ...look });
    expect(overlays.layers.prediction).toBeUndefined();
    overlays.update('prediction', { opacity: 0.3 });
    expect(overlays.tiled.prediction?.opacity).toBe(0.3);
    overlays.set('prediction', { canvas, ...look });
    expect(overlays.tiled.prediction).toBeUndefined();
    overlays.clear('prediction');
    expect(overlays.layers).toEqual({});
  });
});

describe('prediction store: cancel', () => {
  it('asks the studio to stop, draws nothing, and shows no error for the cancelled call', async () => {
    fakeStudio.answer('models:list', () => ok([model(2, '2026-01-01T10:00:00Z')]));
    const answer = deferred<ReturnType<typeof fail>>();
    fakeStudio.answer('predict:image', () => answer.promise as never);
    fakeStudio.answer('predict:cancel', () => {
      answer.resolve(fail('cancelled', 'The prediction was cancelled.'));
      return ok(null);
    });
    const prediction = usePredictionStore();
    await prediction.loadModels();
    const pending = prediction.predict();
    await settle();
    expect(prediction.predicting).toBe(true);
    prediction.cancelPredict();
    await pending;
    await settle();
    expect(fakeStudio.requests('predict:cancel')).toEqual([{}]);
    expect(prediction.predicting).toBe(false);
    expect(prediction.result).toBeNull();
    expect(useNotificationsStore().errors).toEqual([]);
  });
});
