import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fail, ok, type TrainingProgressEvent } from '../../../../src-preload/contract';
import { useNotificationsStore } from '../../../../src-renderer/src/stores/notifications';
import { useOverlaysStore } from '../../../../src-renderer/src/stores/overlays';
import { useProjectStore } from '../../../../src-renderer/src/stores/project';
import { useTrainingStore } from '../../../../src-renderer/src/stores/training';
import { useViewerStore } from '../../../../src-renderer/src/stores/viewer';
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

function progress(runId: number, step: number, extra: Partial<TrainingProgressEvent> = {}) {
  return {
    runId,
    step,
    totalSteps: 100,
    loss: 1 / step,
    smoothedLoss: 1 / step,
    learningRate: 0.001,
    stepsPerSecond: 2,
    etaSeconds: (100 - step) / 2,
    elapsedSeconds: step / 2,
    phase: 'training',
    ...extra,
  };
}

beforeEach(() => {
  fakeStudio.reset();
  setActivePinia(createPinia());
  useProjectStore().info = {
    dir: '/p',
    name: 'P',
    schemaVersion: 1,
    imageCount: 1,
    classes: [
      { index: 1, name: 'Background', colour: '#0000ff' },
      { index: 2, name: 'Nucleus', colour: '#ffff00' },
    ],
  };
  const viewer = useViewerStore();
  viewer.imageId = 7;
  viewer.page = 0;
});

describe('training store: a run from start to end', () => {
  it('follows events that arrive before the start answers, then finishes and lists models', async () => {
    const answer = deferred<ReturnType<typeof ok<{ runId: number }>>>();
    fakeStudio.answer('training:start', () => answer.promise);
    fakeStudio.answer('models:list', () => ok([]));
    const training = useTrainingStore();
    training.steps = 100;

    const starting = training.start();
    await settle();
    expect(training.runState).toBe('running');
    expect(fakeStudio.requests('training:start')).toEqual([
      { preset: 'cpu', backend: 'auto', steps: 100, preview: { imageId: 7, page: 0 } },
    ]);

    const setup = {
      backend: 'wasm',
      skipped: [],
      predictionEngine: 'onnxruntime',
      trainImages: 1,
      labelledPixels: 500,
      tile: 380,
    };
    fakeStudio.emit('training:progress', progress(3, 1, { setup }));
    fakeStudio.emit('training:progress', progress(3, 2));
    answer.resolve(ok({ runId: 3 }));
    await starting;
    expect(training.runId).toBe(3);
    expect(training.setup?.backend).toBe('wasm');
    expect(training.history.map((p) => p.step)).toEqual([1, 2]);
    expect(training.step).toBe(2);

    fakeStudio.emit(
      'training:progress',
      progress(3, 2, { validation: { loss: 0.4, pixelError: 0.1, foregroundIou: 0.7 } }),
    );
    expect(training.history).toHaveLength(2);
    expect(training.history[1]?.foregroundIou).toBe(0.7);

    fakeStudio.emit('training:finished', { runId: 3, status: 'completed', modelId: 11 });
    await settle();
    expect(training.runState).toBe('finished');
    expect(training.savedModelId).toBe(11);
    expect(training.resumableRunId).toBeNull();
    expect(fakeStudio.requests('models:list')).toHaveLength(1);

    // A late event of the ended run must not bring it back.
    fakeStudio.emit('training:progress', progress(3, 3));
    expect(training.runState).toBe('finished');
    expect(training.step).toBe(2);
  });

  it('says why a start failed and goes back to idle', async () => {
    fakeStudio.answer('training:start', () => fail('busy', 'A training run is already going.'));
    const training = useTrainingStore();
    await training.start();
    expect(training.runState).toBe('idle');
    expect(useNotificationsStore().errors.map((e) => e.message)).toEqual([
      'A training run is already going.',
    ]);
  });

  it('shows a failed run in plain words', async () => {
    fakeStudio.answer('training:start', () => ok({ runId: 4 }));
    const training = useTrainingStore();
    await training.start();
    fakeStudio.emit('training:finished', {
      runId: 4,
      status: 'failed',
      message: 'Paint some pixels first.',
    });
    expect(training.runState).toBe('failed');
    expect(training.failureMessage).toBe('Paint some pixels first.');
    expect(useNotificationsStore().errors[0]?.message).toBe('Paint some pixels first.');
  });
});

describe('training store: stop and resume', () => {
  it('stops, offers the stopped run for resuming, and continues its chart', async () => {
    fakeStudio.answer('training:start', () => ok({ runId: 5 }));
    fakeStudio.answer('training:stop', () => ok(null));
    const training = useTrainingStore();
    await training.start();
    for (const step of [1, 2, 3]) fakeStudio.emit('training:progress', progress(5, step));

    const stopping = training.stop();
    expect(training.runState).toBe('stopping');
    await stopping;
    expect(fakeStudio.requests('training:stop')).toEqual([{ runId: 5 }]);
    fakeStudio.emit('training:finished', { runId: 5, status: 'cancelled', modelId: 12 });
    expect(training.runState).toBe('finished');
    expect(training.resumableRunId).toBe(5);

    fakeStudio.answer('training:start', () => ok({ runId: 6 }));
    await training.start(true);
    expect(fakeStudio.requests('training:start')[1]).toMatchObject({ resumeRunId: 5 });
    expect(training.runId).toBe(6);
    // The checkpoint was at step 2: the chart drops step 3 and carries on from there.
    fakeStudio.emit('training:progress', progress(6, 2));
    fakeStudio.emit('training:progress', progress(6, 3, { loss: 0.9 }));
    expect(training.history.map((p) => [p.step, p.loss])).toEqual([
      [1, 1],
      [2, 0.5],
      [3, 0.9],
    ]);
  });
});

describe('training store: after a reload', () => {
  it('rebuilds the chart of the run in progress and finds the stopped run to resume', async () => {
    fakeStudio.answer('training:backends', () =>
      ok({ backend: 'wasm', skipped: [], predictionEngine: 'onnxruntime' }),
    );
    fakeStudio.answer('training:status', () =>
      ok({
        runId: 9,
        status: 'running',
        step: 3,
        totalSteps: 50,
        error: null,
        history: [
          { step: 1, loss: 3 },
          { step: 2, loss: 1 },
          { step: 3, loss: 2 },
        ],
      }),
    );
    fakeStudio.answer('training:runs', () =>
      ok([
        { runId: 8, status: 'cancelled', step: 40, totalSteps: 40, history: [], error: null },
        { runId: 9, status: 'running', step: 3, totalSteps: 50, history: [], error: null },
      ]),
    );
    const training = useTrainingStore();
    await training.restore();
    await settle();
    expect(training.runState).toBe('running');
    expect(training.runId).toBe(9);
    expect(training.totalSteps).toBe(50);
    expect(training.history.map((p) => p.smoothedLoss)).toEqual([3, 2, 2]);
    expect(training.backends?.backend).toBe('wasm');
    // The newest run is still going, so there is nothing to resume.
    expect(training.resumableRunId).toBeNull();
  });
});

describe('training store: live preview', () => {
  it('draws the class map page-sized, visible only over its own page', async () => {
    fakeStudio.answer('training:start', () => ok({ runId: 2 }));
    const training = useTrainingStore();
    const overlays = useOverlaysStore();
    const viewer = useViewerStore();
    await training.start();
    fakeStudio.emit('training:preview', {
      runId: 2,
      step: 10,
      imageId: 7,
      page: 0,
      width: 2,
      height: 1,
      x: 3,
      y: 4,
      classes: new Uint8Array([1, 2]),
    });
    const layer = overlays.layers.preview;
    expect(training.previewStep).toBe(10);
    expect(layer?.visible).toBe(true);
    const canvas = layer?.canvas as unknown as FakeCanvas;
    // The image is not in the images store here, so the page is at least the window's extent.
    expect(canvas.placement).toEqual({ x: 3, y: 4, pageWidth: 5, pageHeight: 5 });
    expect(Array.from(canvas.rgba)).toEqual([0, 0, 255, 255, 255, 255, 0, 255]);

    viewer.imageId = 8;
    await settle();
    expect(overlays.layers.preview?.visible).toBe(false);
    viewer.imageId = 7;
    training.showPreview = false;
    await settle();
    expect(overlays.layers.preview?.visible).toBe(false);
  });
});
