// Training from the window, end to end through the handlers and a real compute process: painted
// strokes on EM crops (one of them page 2 of a stack) -> snapshot -> progress, previews -> a model.
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../../../../src-main/imaging/decode';
import type { TrainedModelConfig } from '../../../../src-main/services/workflow/training-model';
import type { SnapshotManifest } from '../../../../src-main/services/workflow/training-snapshot';
import { emCrop, paintStrokes, Studio, TINY } from './training-fixture';

const SIZE = 64;
const WIDE = { width: 1100, height: 64 };
let studio: Studio;
let ids: { single: number; stack: number; wide: number };
const a = emCrop(0, SIZE);
const b = emCrop(2, SIZE);

beforeAll(async () => {
  studio = new Studio();
  studio.createProject();
  const wide = new Uint8Array(WIDE.width * WIDE.height).map((_, i) => (i * 7) % 251);
  const [single, stack, wideImage] = await studio.addImages([
    { name: 'slice.tif', width: SIZE, height: SIZE, data: a.image },
    // Two pages: page 1 is painted, page 0 is not.
    {
      name: 'stack.tif',
      width: SIZE,
      height: SIZE,
      pages: 2,
      data: Uint8Array.from([...a.image.map((v) => 255 - v), ...b.image]),
    },
    { name: 'wide.tif', ...WIDE, data: wide },
  ]);
  ids = { single: single!.id, stack: stack!.id, wide: wideImage!.id };
  paintStrokes(studio, ids.single, 0, a.truth, SIZE);
  paintStrokes(studio, ids.stack, 1, b.truth, SIZE);
}, 120_000);
afterAll(() => studio.dispose());

describe('a training run from the window', () => {
  it('says which backend trains and what predicts', async () => {
    const report = await studio.call('training:backends', {});
    expect(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']).toContain(report.backend);
    expect(report.threads).toBeGreaterThanOrEqual(1);
    expect(report.predictionEngine.length).toBeGreaterThan(0);
    for (const skipped of report.skipped) expect(skipped.reason.length).toBeGreaterThan(5);
    // The app takes the fastest path on its own: the best backend that loads, every core for
    // wasm, and ONNX Runtime for prediction unless TensorFlow has a GPU.
    const order = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];
    const better = order.slice(0, order.indexOf(report.backend));
    expect(report.skipped.map((s) => s.backend).filter((b) => order.includes(b))).toEqual(better);
    if (report.backend === 'wasm' && process.env.STUDIO_WASM_THREADS === undefined) {
      expect(report.threads).toBe(availableParallelism());
    }
    if (report.backend !== 'tensorflow-gpu') expect(report.predictionEngine).toBe('onnxruntime');
  }, 120_000);

  it('trains on the painted pages, previews, and ends as a model with its snapshot', async () => {
    const { runId } = await studio.call('training:start', {
      ...TINY,
      steps: 6,
      validateEvery: 3,
      previewEvery: 2,
      preview: { imageId: ids.wide, page: 0 },
    });
    // Busy while it runs.
    await expect(studio.call('training:start', { ...TINY, steps: 2 })).rejects.toMatchObject({
      code: 'busy',
    });
    const finished = await studio.waitFor('training:finished', (e) => e.runId === runId);
    expect(finished).toMatchObject({ runId, status: 'completed', modelId: expect.any(Number) });

    const progress = studio.of('training:progress').filter((e) => e.runId === runId);
    const setup = progress.find((e) => e.setup)!.setup!;
    expect(setup).toMatchObject({
      backend: 'cpu',
      trainImages: 2,
      tile: 60,
      predictionEngine: 'cpu',
    });
    expect(setup.labelledPixels).toBe(2 * SIZE * (SIZE / 4));
    expect(progress.some((e) => e.validation)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ step: 6, totalSteps: 6, phase: 'done' });
    expect(progress.map((e) => e.step)).toEqual(
      [...progress.map((e) => e.step)].sort((x, y) => x - y),
    );

    // The wide page is previewed in its centred 1024 px window.
    const previews = studio.of('training:preview').filter((e) => e.runId === runId);
    expect(previews.length).toBeGreaterThanOrEqual(1);
    for (const preview of previews) {
      expect(preview).toMatchObject({
        imageId: ids.wide,
        page: 0,
        x: 38,
        y: 0,
        width: 1024,
        height: 64,
      });
      expect(preview.step % 2).toBe(0);
      expect(preview.classes.length).toBe(1024 * 64);
      for (const value of new Set(preview.classes)) expect([1, 2]).toContain(value);
    }

    // The model, named after the run, knows the project's classes.
    const model = studio.store.getModel(finished.modelId!)!;
    expect(model).toMatchObject({
      name: `Run ${runId} · 6 steps`,
      dir: `models/run-${runId}/model`,
      trainingRunId: runId,
    });
    const config = model.config as TrainedModelConfig;
    expect(config).toMatchObject({
      steps: 6,
      filters: 2,
      depth: 2,
      numClasses: 2,
      annotatedImages: 2,
    });
    expect(config.classes.map((c) => c.name)).toEqual(['Background', 'Foreground']);
    expect(model.metrics).toMatchObject({
      pixelError: expect.any(Number),
      foregroundIou: expect.any(Number),
    });
    const modelDir = join(studio.store.dir, model.dir);
    const metadata = JSON.parse(readFileSync(join(modelDir, 'last', 'studio.json'), 'utf8'));
    expect(metadata).toMatchObject({
      labelKind: 'painted',
      classNames: ['Background', 'Foreground'],
    });
    expect(metadata.classes.map((c: { index: number }) => c.index)).toEqual([1, 2]);
    expect(existsSync(join(modelDir, 'best', 'model.json'))).toBe(true);

    // The snapshot holds exactly the painted labels, page by page.
    const snapshotDir = join(studio.store.dir, `models/run-${runId}/snapshot`);
    const manifest = JSON.parse(
      readFileSync(join(snapshotDir, 'manifest.json'), 'utf8'),
    ) as SnapshotManifest;
    expect(manifest.pages.map((p) => [p.imageId, p.page, p.name])).toEqual([
      [ids.single, 0, 'slice.tif'],
      [ids.stack, 1, 'stack.tif'],
    ]);
    expect(manifest).toMatchObject({
      numClasses: 2,
      annotatedImages: 2,
      labelledPixels: setup.labelledPixels,
    });
    for (const page of manifest.pages) {
      expect(page.contentHash).toBe(studio.store.getImage(page.imageId)!.contentHash);
      const file = join(snapshotDir, page.labelFile);
      const tiff = decodeImage(new Uint8Array(readFileSync(file)), page.labelFile);
      expect([tiff.width, tiff.height, tiff.bitDepth]).toEqual([SIZE, SIZE, 8]);
      expect(Array.from(tiff.data)).toEqual(
        Array.from(studio.store.readLabelMap(page.imageId, page.page).data),
      );
    }

    // The run's record redraws the chart; nothing is running any more.
    expect(await studio.call('training:status', {})).toBeNull();
    const [run] = await studio.call('training:runs', {});
    expect(run).toMatchObject({ runId, status: 'completed', step: 6, totalSteps: 6, error: null });
    expect(run!.history.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(run!.history.filter((p) => p.validation).map((p) => p.step)).toEqual([3, 6]);
  }, 240_000);
});
