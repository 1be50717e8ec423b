// batch:start and batch:cancel through the real handlers, session and compute process: the
// `segment` job the CLI runs, one TIFF per input, bad files listed, cancel, a dead compute
// process, a batch beside a training, and the refusals a person can meet.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchFinishedEvent } from '../../../../src-preload/contract';
import type { TrainJobRequest } from '../../../../src-main/engine/jobs/job-types';
import { decodeImage } from '../../../../src-main/imaging/decode';
import { StudioSession } from '../../../../src-main/services/studio-session';
import {
  addModel,
  connect,
  eventsOf,
  HEIGHT,
  nucleiFolder,
  trainTinyModel,
  until,
  WIDTH,
} from './models-fixture';

let work: string;
let model: string;
const session = new StudioSession();
const { handlers, context, events } = connect(session);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'studio-batch-'));
  model = await trainTinyModel(session, work);
}, 240_000);
afterAll(async () => {
  await session.dispose();
  rmSync(work, { recursive: true, force: true });
});

let projects = 0;
/** A new project holding the tiny model, and an input folder of `count` nucleus images. */
function setUp(count: number) {
  const name = `p${++projects}`;
  session.createProject(join(work, name));
  const modelId = addModel(session, model).id;
  const input = join(work, `${name}-in`);
  nucleiFolder(input, count);
  return { modelId, input, output: join(work, `${name}-out`) };
}

async function finished(jobId: number): Promise<BatchFinishedEvent> {
  const find = () => eventsOf(events, 'batch:finished').find((e) => e.jobId === jobId);
  await until(() => find() !== undefined);
  return find()!;
}

const progressOf = (jobId: number) =>
  eventsOf(events, 'batch:progress').filter((e) => e.jobId === jobId);

function expectMask(path: string): void {
  const mask = decodeImage(new Uint8Array(readFileSync(path)), path);
  expect([mask.width, mask.height, mask.channels]).toEqual([WIDTH, HEIGHT, 1]);
}

describe('a batch', () => {
  it('writes one TIFF per image and lists the file it could not read', async () => {
    const { modelId, input, output } = setUp(3);
    writeFileSync(join(input, 'broken.png'), 'not an image');
    const { jobId, total } = await handlers['batch:start'](
      { modelId, inputFolder: input, outputFolder: output, write: 'classes', tta: false },
      context,
    );
    expect(total).toBe(4);
    const end = await finished(jobId);
    expect(end).toMatchObject({ status: 'completed', outputFolder: output });
    expect(end.written.map((p) => p.slice(output.length + 1)).sort()).toEqual([
      'n-0.tif',
      'n-1.tif',
      'n-2.tif',
    ]);
    for (const path of end.written) expectMask(path);
    expect(end.failed).toEqual([{ file: 'broken.png', reason: expect.any(String) }]);
    expect(end.failed[0]!.reason.length).toBeGreaterThan(5);
    // Per image: tile events (done = images before it), then its end (done includes it).
    const progress = progressOf(jobId);
    const images = progress.filter((e, i) => e.done > (progress[i - 1]?.done ?? 0));
    expect(images.map((e) => [e.file, e.done])).toEqual([
      ['broken.png', 1],
      ['n-0.png', 2],
      ['n-1.png', 3],
      ['n-2.png', 4],
    ]);
    expect(images.every((e) => e.total === 4)).toBe(true);
    expect(images.find((e) => e.file === 'broken.png')?.failed).toBeDefined();
  });

  it('stops when cancelled, says so, and lists exactly the masks it wrote', async () => {
    const { modelId, input, output } = setUp(12);
    const { jobId } = await handlers['batch:start'](
      { modelId, inputFolder: input, outputFolder: output, write: 'probabilities', tta: false },
      context,
    );
    await until(() => progressOf(jobId).some((e) => e.done >= 1)); // one mask written
    await handlers['batch:cancel']({ jobId }, context);
    const end = await finished(jobId);
    expect(end.status).toBe('cancelled');
    expect(end.written.length).toBeGreaterThanOrEqual(1);
    expect(end.written.length).toBeLessThan(12);
    expect(readdirSync(output).sort()).toEqual(
      end.written.map((p) => p.slice(output.length + 1)).sort(),
    );
    for (const path of end.written) expectMask(path);
    // Cancelling again after the end does nothing.
    expect(await handlers['batch:cancel']({ jobId }, context)).toBeNull();
  });

  it('fails with a clear message when the compute process dies, and the next batch runs', async () => {
    const { modelId, input, output } = setUp(12);
    const { jobId } = await handlers['batch:start'](
      { modelId, inputFolder: input, outputFolder: output, write: 'classes', tta: false },
      context,
    );
    await until(() => progressOf(jobId).some((e) => e.done >= 1)); // one mask written
    process.kill(session.compute.pid!, 'SIGKILL');
    const end = await finished(jobId);
    expect(end.status).toBe('failed');
    expect(end.message).toMatch(/compute process stopped unexpectedly/i);
    expect(end.written.length).toBeGreaterThanOrEqual(1);
    // Killed mid-batch: every mask under its real name is whole; anything else is a hidden
    // temporary file that no folder listing offers.
    for (const name of readdirSync(output)) {
      if (name.startsWith('.')) expect(name).toMatch(/\.tmp$/);
      else expectMask(join(output, name));
    }
    for (const path of end.written) expectMask(path);

    // The next batch starts a fresh compute process.
    const one = join(work, 'one-image');
    nucleiFolder(one, 1);
    const next = await handlers['batch:start'](
      {
        modelId,
        inputFolder: one,
        outputFolder: join(work, 'after-crash'),
        write: 'classes',
        tta: false,
      },
      context,
    );
    expect((await finished(next.jobId)).status).toBe('completed');
  });

  it('is cancelled and waited for when the session shuts it down', async () => {
    const { modelId, input, output } = setUp(12);
    const { jobId } = await handlers['batch:start'](
      { modelId, inputFolder: input, outputFolder: output, write: 'instances', tta: false },
      context,
    );
    await session.batch.shutdown();
    // Already emitted when shutdown returns.
    const end = eventsOf(events, 'batch:finished').find((e) => e.jobId === jobId);
    expect(end?.status).toBe('cancelled');
    expect(end!.written.length).toBeLessThan(12);
  });

  it('runs beside a training in the same compute process', async () => {
    const { modelId, input, output } = setUp(2);
    const stop = new AbortController();
    const request: TrainJobRequest = {
      imagesDir: join(work, 'train-images'),
      labelsDir: join(work, 'train-labels'),
      labelKind: 'binary',
      preset: 'cpu',
      filters: 2,
      depth: 2,
      tile: 60,
      steps: 1_000_000,
      seed: 1,
      backend: 'cpu',
      validateEvery: 1_000_000,
      checkpointEvery: 1_000_000,
      outDir: join(work, 'long-training'),
      resume: false,
    };
    let steps = 0;
    const training = session.compute.request('train', request, {
      signal: stop.signal,
      onProgress: () => steps++,
    });
    const trainingEnd = training.then(
      () => 'finished',
      (error: { code?: string }) => error.code,
    );
    await until(() => steps > 1);
    const { jobId } = await handlers['batch:start'](
      { modelId, inputFolder: input, outputFolder: output, write: 'classes', tta: false },
      context,
    );
    const stepsAtStart = steps;
    expect((await finished(jobId)).status).toBe('completed');
    // Both ran: the training kept stepping while the batch wrote its masks.
    expect(steps).toBeGreaterThan(stepsAtStart);
    stop.abort();
    expect(await trainingEnd).toBe('cancelled');
  });
});

describe('what a batch refuses', () => {
  it('refuses a second batch, a folder without images, and output folders it must not write', async () => {
    const { modelId, input, output } = setUp(6);
    const empty = join(work, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'notes.txt'), 'no images here');
    const start = (inputFolder: string, outputFolder: string) =>
      handlers['batch:start'](
        { modelId, inputFolder, outputFolder, write: 'classes', tta: false },
        context,
      );
    await expect(start(empty, output)).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('holds no images'),
    });
    await expect(start(input, input)).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('is the input folder'),
    });
    await expect(start(input, join(session.store.modelsDir, 'masks'))).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('models folder'),
    });

    const { jobId } = await start(input, output);
    await expect(start(input, join(work, 'second'))).rejects.toMatchObject({ code: 'busy' });
    await handlers['batch:cancel']({ jobId }, context);
    expect((await finished(jobId)).status).toBe('cancelled');
  });
});
