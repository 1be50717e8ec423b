import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../../src-main/store';
import { errorCodeOf, sampleImage, tempDir } from './fixtures';

const CONFIG = {
  epochs: 40,
  learningRate: 1e-3,
  depth: 4,
  tileSize: 256,
  augment: ['flip', 'rotate'],
};

describe('training runs', () => {
  let store: ProjectStore;
  beforeEach(() => {
    store = ProjectStore.create(tempDir());
  });
  afterEach(() => store.close());

  it('records a run from queued to completed with its history', () => {
    const run = store.createTrainingRun({ config: CONFIG, seed: 1234 });
    expect(run).toMatchObject({
      config: CONFIG,
      seed: 1234,
      status: 'queued',
      history: [],
      error: null,
      startedAt: null,
      finishedAt: null,
    });
    const running = store.updateTrainingRun(run.id, { status: 'running' });
    expect(running.startedAt).not.toBeNull();
    const history = [{ epoch: 1, loss: 0.7, valLoss: 0.72 }];
    const progressed = store.updateTrainingRun(run.id, { history });
    expect(progressed).toMatchObject({ status: 'running', history, startedAt: running.startedAt });
    const done = store.updateTrainingRun(run.id, { status: 'completed' });
    expect(done).toMatchObject({ status: 'completed', history });
    expect(done.finishedAt).not.toBeNull();
    expect(store.listTrainingRuns()).toEqual([done]);
    expect(store.getTrainingRun(run.id)).toEqual(done);
  });

  it('keeps why a run failed, and a finished run stays finished', () => {
    const run = store.createTrainingRun({ config: CONFIG, seed: 1 });
    store.updateTrainingRun(run.id, { status: 'running' });
    const failed = store.updateTrainingRun(run.id, {
      status: 'failed',
      error: 'Out of GPU memory.',
    });
    expect(failed).toMatchObject({ status: 'failed', error: 'Out of GPU memory.' });
    expect(errorCodeOf(() => store.updateTrainingRun(run.id, { status: 'running' }))).toBe(
      'invalid-request',
    );
    expect(store.getTrainingRun(run.id)?.status).toBe('failed');
  });

  it('refuses what it cannot store', () => {
    expect(errorCodeOf(() => store.createTrainingRun({ config: CONFIG, seed: 1.5 }))).toBe(
      'invalid-request',
    );
    expect(errorCodeOf(() => store.createTrainingRun({ config: 10n, seed: 1 }))).toBe(
      'invalid-request',
    );
    expect(errorCodeOf(() => store.createTrainingRun({ config: undefined, seed: 1 }))).toBe(
      'invalid-request',
    );
    const { id } = store.createTrainingRun({ config: CONFIG, seed: 1 });
    expect(
      errorCodeOf(() => store.updateTrainingRun(id, { status: 'paused' as unknown as 'running' })),
    ).toBe('invalid-request');
    expect(errorCodeOf(() => store.updateTrainingRun(id + 1, { status: 'running' }))).toBe(
      'not-found',
    );
    expect(store.listTrainingRuns()).toHaveLength(1);
  });
});

describe('models and predictions', () => {
  let store: ProjectStore;
  let imageId: number;
  beforeEach(() => {
    store = ProjectStore.create(tempDir());
    imageId = store.addImage(sampleImage({ width: 30, height: 20, pages: 2 })).id;
  });
  afterEach(() => store.close());

  it('records a model made by a run', () => {
    const run = store.createTrainingRun({ config: CONFIG, seed: 7 });
    const model = store.createModel({
      name: 'U-Net nuclei',
      dir: 'models\\unet-1',
      config: CONFIG,
      trainingRunId: run.id,
      metrics: { iou: 0.81 },
    });
    expect(model).toMatchObject({
      name: 'U-Net nuclei',
      dir: 'models/unet-1',
      config: CONFIG,
      trainingRunId: run.id,
      metrics: { iou: 0.81 },
    });
    store.setModelMetrics(model.id, { iou: 0.84 });
    expect(store.getModel(model.id)?.metrics).toEqual({ iou: 0.84 });
    expect(store.listModels()).toHaveLength(1);
  });

  it('refuses a model folder outside the project, a reused folder, or an unknown run', () => {
    for (const dir of ['/abs/models', '../elsewhere', 'models/../../x', 'C:\\models', '']) {
      expect(
        errorCodeOf(() => store.createModel({ name: 'M', dir, config: {} })),
        dir,
      ).toBe('invalid-request');
    }
    store.createModel({ name: 'M', dir: 'models/m', config: {} });
    expect(errorCodeOf(() => store.createModel({ name: 'N', dir: 'models/m', config: {} }))).toBe(
      'invalid-request',
    );
    expect(
      errorCodeOf(() =>
        store.createModel({ name: 'N', dir: 'models/n', config: {}, trainingRunId: 99 }),
      ),
    ).toBe('not-found');
    expect(store.listModels()).toHaveLength(1);
  });

  it('stores a prediction class map exactly and lists it per image', () => {
    const model = store.createModel({ name: 'M', dir: 'models/m', config: {} });
    const classMap = Uint8Array.from({ length: 30 * 20 }, (_, i) => i % 3);
    const prediction = store.addPrediction({
      imageId,
      modelId: model.id,
      page: 1,
      classMap,
      metrics: { cells: 12 },
    });
    expect(prediction).toMatchObject({
      imageId,
      modelId: model.id,
      page: 1,
      metrics: { cells: 12 },
    });
    expect(store.listPredictions(imageId)).toEqual([prediction]);
    expect(store.readPredictionMap(prediction.id)).toEqual({
      width: 30,
      height: 20,
      data: classMap,
    });
  });

  it('refuses predictions that do not fit, and forgets them with their image or model', () => {
    const model = store.createModel({ name: 'M', dir: 'models/m', config: {} });
    const classMap = new Uint8Array(600);
    expect(
      errorCodeOf(() =>
        store.addPrediction({ imageId, modelId: model.id, page: 0, classMap: new Uint8Array(5) }),
      ),
    ).toBe('invalid-request');
    expect(
      errorCodeOf(() => store.addPrediction({ imageId, modelId: model.id, page: 2, classMap })),
    ).toBe('invalid-request');
    expect(
      errorCodeOf(() => store.addPrediction({ imageId, modelId: model.id + 1, page: 0, classMap })),
    ).toBe('not-found');
    expect(
      errorCodeOf(() =>
        store.addPrediction({ imageId: imageId + 1, modelId: model.id, page: 0, classMap }),
      ),
    ).toBe('not-found');

    store.addPrediction({ imageId, modelId: model.id, page: 0, classMap });
    store.removeModel(model.id);
    expect(store.listPredictions(imageId)).toEqual([]);

    const other = store.createModel({ name: 'M2', dir: 'models/m2', config: {} });
    store.addPrediction({ imageId, modelId: other.id, page: 0, classMap });
    store.removeImage(imageId);
    expect(store.listPredictions(imageId)).toEqual([]);
    expect(store.listModels()).toHaveLength(1);
  });
});
