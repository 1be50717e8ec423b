// predict:image and predict:accept through the real handlers, session and compute process: a
// tiny trained model predicts a nucleus image; the prediction is stored, can be accepted as the
// page's labels, and every failure a person can cause is answered in words.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABEL_TILE_SIZE } from '../../../../src-preload/contract';
import type {
  PredictImageJobRequest,
  PredictImageJobResult,
} from '../../../../src-main/engine/jobs/job-types';
import { StudioSession } from '../../../../src-main/services/studio-session';
import { sampleImage } from '../../store/fixtures';
import { addModel, connect, HEIGHT, nucleiFolder, trainTinyModel, WIDTH } from './models-fixture';

let work: string;
let model: string;
const session = new StudioSession();
const { handlers, context } = connect(session);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'studio-predict-'));
  model = await trainTinyModel(session, work);
}, 240_000);
afterAll(async () => {
  await session.dispose();
  rmSync(work, { recursive: true, force: true });
});

/** A new project with the nucleus images and the tiny model. */
async function project(name: string) {
  const images = join(work, `${name}-images`);
  nucleiFolder(images, 2);
  session.createProject(join(work, name));
  const report = await handlers['images:add-folder']({ folder: images }, context);
  const modelId = addModel(session, model).id;
  return { imageIds: report.added.map((image) => image.id), modelId, images };
}

/** The probability map as floats; a page this small always comes with one. */
const floats = (bytes: Uint8Array | null) => {
  if (!bytes) throw new Error('expected a probability map');
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
};

describe('predicting one image page', () => {
  it('returns project classes, probabilities that agree with them and tiles that cover the image once', async () => {
    const { imageIds, modelId } = await project('plain');
    const view = await handlers['predict:image'](
      { imageId: imageIds[0]!, page: 0, modelId, tta: false },
      context,
    );
    expect(view).toMatchObject({
      imageId: imageIds[0],
      modelId,
      page: 0,
      width: WIDTH,
      height: HEIGHT,
      tta: false,
    });
    expect(view.engine).toBe('onnxruntime');
    expect(view.inputTile).toBeGreaterThan(0);
    expect(view.classes.length).toBe(WIDTH * HEIGHT);
    for (const value of new Set(view.classes)) expect([1, 2]).toContain(value);

    const probability = floats(view.foregroundProbability);
    expect(probability.length).toBe(WIDTH * HEIGHT);
    let outside = 0;
    let disagree = 0;
    for (let i = 0; i < probability.length; i++) {
      const p = probability[i]!;
      if (!(p >= 0 && p <= 1)) outside++;
      // Binary: class 2 (Foreground) exactly where "not the first class" is the more probable.
      if (Math.abs(p - 0.5) > 1e-6 && view.classes[i] !== (p > 0.5 ? 2 : 1)) disagree++;
    }
    expect([outside, disagree]).toEqual([0, 0]);
    // Not a constant answer: the probabilities vary over the image.
    let low = 1;
    let high = 0;
    for (const p of probability) [low, high] = [Math.min(low, p), Math.max(high, p)];
    expect(high - low).toBeGreaterThan(0.05);

    const covered = new Uint8Array(WIDTH * HEIGHT);
    for (const tile of view.tiles)
      for (let y = tile.y; y < tile.y + tile.height; y++)
        for (let x = tile.x; x < tile.x + tile.width; x++) covered[y * WIDTH + x]! += 1;
    expect(covered.every((count) => count === 1)).toBe(true);

    // Stored as it was shown.
    const stored = session.store.readPredictionMap(view.predictionId);
    expect(stored).toMatchObject({ width: WIDTH, height: HEIGHT });
    expect(Buffer.from(stored.data).equals(Buffer.from(view.classes))).toBe(true);
  });

  it('stops when cancelled, stores nothing, and the next prediction runs', async () => {
    const { imageIds, modelId } = await project('cancel');
    const request = { imageId: imageIds[0]!, page: 0, modelId, tta: true };
    const pending = handlers['predict:image'](request, context);
    expect(handlers['predict:cancel']({}, context)).toBeNull();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    // Nothing was stored for it: the next prediction is the project's first.
    const next = await handlers['predict:image'](request, context);
    expect(next.predictionId).toBe(1);
  });

  it('averages over rotations and flips with tta, and keeps the model loaded between images', async () => {
    const { imageIds, modelId } = await project('tta');
    const plain = await handlers['predict:image'](
      { imageId: imageIds[1]!, page: 0, modelId, tta: false },
      context,
    );
    const averaged = await handlers['predict:image'](
      { imageId: imageIds[1]!, page: 0, modelId, tta: true },
      context,
    );
    expect(averaged.tta).toBe(true);
    const a = floats(plain.foregroundProbability);
    const b = floats(averaged.foregroundProbability);
    let differs = 0;
    for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > 1e-4) differs++;
    expect(differs).toBeGreaterThan(0);

    // The job itself says whether it reused the model: yes for the same model, no for another.
    const files = session.store.getModel(modelId)!;
    const image = session.store.getImage(imageIds[0]!)!;
    const request: PredictImageJobRequest = {
      modelDir: join(session.store.dir, files.dir),
      imagePath: image.sourcePath,
      contentHash: image.contentHash,
      page: 0,
      tta: false,
      backend: 'auto',
    };
    const again = await session.compute.request<PredictImageJobResult>('predict-image', request);
    expect(again.reusedModel).toBe(true);
    const other = addModel(session, model, { run: 'run-2', name: 'Other' });
    const switched = await session.compute.request<PredictImageJobResult>('predict-image', {
      ...request,
      modelDir: join(session.store.dir, other.dir),
    });
    expect(switched.reusedModel).toBe(false);
    expect(Buffer.from(switched.classes).equals(Buffer.from(again.classes))).toBe(true);
  });
});

describe('accepting a prediction', () => {
  it('replaces the labels with the prediction in one revision', async () => {
    const { imageIds, modelId } = await project('accept');
    const imageId = imageIds[0]!;
    // A stroke painted before: accepting replaces it, it is not merged.
    const stroke = new Uint8Array(LABEL_TILE_SIZE * LABEL_TILE_SIZE).fill(1);
    const painted = await handlers['labels:write-tiles'](
      { imageId, page: 0, tiles: [{ tx: 1, ty: 1, data: stroke }] },
      context,
    );
    const view = await handlers['predict:image'](
      { imageId, page: 0, modelId, tta: false },
      context,
    );
    const accepted = await handlers['predict:accept']({ predictionId: view.predictionId }, context);
    expect(accepted).toEqual({ revision: painted.revision + 1, labelledPixels: WIDTH * HEIGHT });
    const labels = await handlers['labels:read']({ imageId, page: 0 }, context);
    expect(labels.revision).toBe(accepted.revision);
    expect(Buffer.from(labels.data).equals(Buffer.from(view.classes))).toBe(true);
  });

  it('says so for a prediction that is not in the project', async () => {
    await project('accept-missing');
    // The handler answers synchronously; the dispatcher awaits either way.
    await expect(async () =>
      handlers['predict:accept']({ predictionId: 999 }, context),
    ).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('Prediction 999'),
    });
  });
});

describe('what a person can get wrong', () => {
  it('names a missing image file, a model whose folder is gone and an image of the wrong kind', async () => {
    const { imageIds, modelId, images } = await project('errors');
    renameSync(join(images, 'n-0.png'), join(images, 'moved.png'));
    await expect(
      handlers['predict:image']({ imageId: imageIds[0]!, page: 0, modelId, tta: false }, context),
    ).rejects.toMatchObject({ code: 'file-missing', message: expect.stringContaining('n-0.png') });
    expect(session.store.getImage(imageIds[0]!)!.status).toBe('missing');

    await expect(
      handlers['predict:image']({ imageId: imageIds[1]!, page: 1, modelId, tta: false }, context),
    ).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('page 2') });

    // A colour image: four channels (RGBA) where the model learned one.
    const colour = join(work, 'colour');
    mkdirSync(colour);
    const png = new PNG({ width: 40, height: 30 });
    for (let i = 0; i < 40 * 30; i++) png.data.set([i % 256, 50, 200, 255], i * 4);
    writeFileSync(join(colour, 'rgb.png'), PNG.sync.write(png));
    const [rgb] = (await handlers['images:add-folder']({ folder: colour }, context)).added;
    await expect(
      handlers['predict:image']({ imageId: rgb!.id, page: 0, modelId, tta: false }, context),
    ).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringMatching(
        /"rgb\.png" has 4 channels, but the model "Tiny" was trained on images with 1 channel/,
      ),
    });

    // Pages too large for whole-page overlays, recorded without a file on disk.
    const record = (width: number, height: number, name: string, hex: string) =>
      session.store.addImage(
        sampleImage({ sourcePath: join(work, name), contentHash: hex.repeat(32), width, height }),
      );
    // Above 16384 x 16384: refused before anything is read, pointing to Batch.
    const huge = record(17000, 16400, 'huge.tif', 'ef');
    await expect(
      handlers['predict:image']({ imageId: huge.id, page: 0, modelId, tta: false }, context),
    ).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringMatching(/17000 x 16400, too large to review .* Segment it with Batch/),
    });
    // Above 8192 x 8192: no weight map, and a prediction without the probability map (the
    // compute process is asked for the class map only; this record's file does not exist).
    const large = record(9000, 8000, 'large.tif', 'ab');
    await expect(
      handlers['weights:compute']({ imageId: large.id, page: 0, w0: 10, sigma: 5 }, context),
    ).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringMatching(/9000 x 8000: its weight map is too large to show/),
    });
    const payloads: PredictImageJobRequest[] = [];
    const request = session.compute.request.bind(session.compute);
    session.compute.request = ((job: string, payload: unknown, ...rest: unknown[]) => {
      if (job === 'predict-image') payloads.push(payload as PredictImageJobRequest);
      return (request as (...args: unknown[]) => Promise<unknown>)(job, payload, ...rest);
    }) as typeof session.compute.request;
    try {
      await expect(
        handlers['predict:image']({ imageId: large.id, page: 0, modelId, tta: false }, context),
      ).rejects.toMatchObject({ code: 'file-missing' });
      await expect(
        handlers['predict:image']({ imageId: imageIds[1]!, page: 0, modelId, tta: false }, context),
      ).resolves.toMatchObject({ imageId: imageIds[1] });
    } finally {
      session.compute.request = request;
    }
    expect(payloads.map((p) => p.withProbability)).toEqual([false, true]);

    rmSync(join(session.store.dir, 'models', 'run-1'), { recursive: true });
    await expect(
      handlers['predict:image']({ imageId: imageIds[1]!, page: 0, modelId, tta: false }, context),
    ).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('"Tiny" are no longer in'),
    });
  });
});
