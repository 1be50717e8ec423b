import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok, type WeightMapView } from '../../../../src-preload/contract';
import { useLabelsStore } from '../../../../src-renderer/src/stores/labels';
import { useOverlaysStore } from '../../../../src-renderer/src/stores/overlays';
import { useViewerStore } from '../../../../src-renderer/src/stores/viewer';
import { useWeightsStore } from '../../../../src-renderer/src/stores/weights';
import { deferred, fakeStudio, settle } from './fake-studio';
import type { FakeCanvas } from './store-mocks';

vi.mock('../../../../src-renderer/src/api', async () => (await import('./store-mocks')).apiModule);
vi.mock(
  '../../../../src-renderer/src/lib/overlay-canvas',
  async () => (await import('./store-mocks')).overlayCanvasModule,
);
vi.mock(
  '../../../../src-renderer/src/stores/labels',
  async () => (await import('./store-mocks')).labelsModule,
);

/** A 2 x 1 map: one unpainted pixel (0) and one at the maximum. */
function weightMap(imageId: number, max: number): WeightMapView {
  return {
    imageId,
    page: 0,
    width: 2,
    height: 1,
    data: new Uint8Array(new Float32Array([0, max]).buffer),
    max,
    classWeights: [{ index: 1, weight: 0.5 }],
    w0: 10,
    sigma: 5,
    labelledPixels: 1,
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  fakeStudio.reset();
  setActivePinia(createPinia());
  useViewerStore().imageId = 3;
});

afterEach(() => {
  vi.useRealTimers();
});

async function runTimers(): Promise<void> {
  await settle();
  await vi.runAllTimersAsync();
  await settle();
}

describe('weights store', () => {
  it('computes the map when shown and draws it as a see-through-at-zero colour map', async () => {
    fakeStudio.answer('weights:compute', (request) => ok(weightMap(request.imageId, 12)));
    const weights = useWeightsStore();
    weights.visible = true;
    await runTimers();
    expect(fakeStudio.requests('weights:compute')).toEqual([
      { imageId: 3, page: 0, w0: 10, sigma: 5 },
    ]);
    expect(weights.drawnRevision).toBe(1);
    expect(weights.legend?.max).toBe(12);
    const layer = useOverlaysStore().layers.weights;
    expect(layer?.visible).toBe(true);
    expect(Array.from((layer?.canvas as unknown as FakeCanvas).rgba)).toEqual([
      0, 0, 0, 0, 0xfd, 0xe7, 0x25, 255,
    ]);
  });

  it('recomputes once after a burst of saved strokes and after w0 changes, not for bad sigma', async () => {
    fakeStudio.answer('weights:compute', (request) => ok(weightMap(request.imageId, 12)));
    const weights = useWeightsStore();
    const labels = useLabelsStore();
    weights.visible = true;
    await runTimers();
    labels.savedRevision = 1;
    await settle();
    labels.savedRevision = 2;
    await runTimers();
    expect(fakeStudio.requests('weights:compute')).toHaveLength(2);
    expect(weights.drawnRevision).toBe(2);

    weights.w0 = 20;
    await runTimers();
    expect(fakeStudio.requests('weights:compute')[2]).toMatchObject({ w0: 20 });

    weights.sigma = Number.NaN;
    await runTimers();
    expect(fakeStudio.requests('weights:compute')).toHaveLength(3);
    expect(weights.parameterProblem).toBe('Sigma must be between 0.5 and 100 pixels.');
  });

  it('draws only the answer for the page in view', async () => {
    const first = deferred<ReturnType<typeof ok<WeightMapView>>>();
    fakeStudio.answer('weights:compute', () => first.promise);
    const weights = useWeightsStore();
    const viewer = useViewerStore();
    weights.visible = true;
    await runTimers();

    fakeStudio.answer('weights:compute', (request) => ok(weightMap(request.imageId, 7)));
    viewer.imageId = 4;
    await runTimers();
    first.resolve(ok(weightMap(3, 99)));
    await runTimers();
    expect(weights.legend?.imageId).toBe(4);
    expect(weights.legend?.max).toBe(7);
    expect(weights.drawnRevision).toBe(1);
  });

  it('removes the overlay when hidden', async () => {
    fakeStudio.answer('weights:compute', (request) => ok(weightMap(request.imageId, 12)));
    const weights = useWeightsStore();
    weights.visible = true;
    await runTimers();
    weights.visible = false;
    await runTimers();
    expect(useOverlaysStore().layers.weights).toBeUndefined();
    expect(weights.legend).toBeNull();
  });
});

describe('a page too large for a whole-page weight map', () => {
  it('asks for no map and says why in the panel', async () => {
    fakeStudio.answer('weights:compute', (request) => ok(weightMap(request.imageId, 12)));
    const viewer = useViewerStore();
    viewer.pixels = {
      imageId: 3,
      page: 0,
      width: 9000,
      height: 8000,
      channels: 1,
      dtype: 'uint16',
      min: 0,
      max: 1,
      samples: new Uint16Array(0),
    } as unknown as typeof viewer.pixels;
    const weights = useWeightsStore();
    weights.visible = true;
    await runTimers();
    expect(fakeStudio.requests('weights:compute')).toEqual([]);
    expect(weights.parameterProblem).toMatch(/9000 x 8000: its weight map is too large to show/);
  });
});
