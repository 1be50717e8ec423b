// What training refuses before any run is recorded, and the words it uses.
import { readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emCrop, paint, paintStrokes, Studio, TINY } from './training-fixture';

const SIZE = 64;
let studio: Studio;
let imageId: number;
let truth: Uint8Array;

beforeEach(async () => {
  studio = new Studio();
  studio.createProject();
  const crop = emCrop(1, SIZE);
  truth = crop.truth;
  const [added] = await studio.addImages([
    { name: 'em.tif', width: SIZE, height: SIZE, data: crop.image },
  ]);
  imageId = added!.id;
});
afterEach(() => studio.dispose());

const start = () => studio.call('training:start', { ...TINY, steps: 2 });

describe('training refuses', () => {
  it('a project with nothing painted, in plain words', async () => {
    await expect(start()).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/nothing to learn from yet: no image has painted labels/),
    });
    expect(await studio.call('training:runs', {})).toEqual([]);
  });

  it('labels of only one class, naming what to paint', async () => {
    paint(studio, imageId, 0, SIZE, SIZE, (x) => (x < 10 ? 1 : 0));
    await expect(start()).rejects.toMatchObject({
      code: 'invalid-request',
      message:
        'Training needs at least two classes painted, and so far only Background has been painted. Paint some Foreground too, then start training.',
    });
    expect(await studio.call('training:runs', {})).toEqual([]);
  });

  it('a painted image whose file has gone, and says to relink it', async () => {
    paintStrokes(studio, imageId, 0, truth, SIZE);
    renameSync(join(studio.work, 'images'), join(studio.work, 'moved'));
    await expect(start()).rejects.toMatchObject({
      code: 'file-missing',
      message: expect.stringMatching(/"em\.tif" is no longer where it was added from\. Relink it/),
    });
    expect(await studio.call('training:runs', {})).toEqual([]);
    // Nothing half-made is left in the project's models folder.
    expect(readdirSync(join(studio.work, 'project', 'models'))).toEqual([]);
  });

  it('to continue a run that does not exist', async () => {
    paintStrokes(studio, imageId, 0, truth, SIZE);
    await expect(
      studio.call('training:start', { ...TINY, steps: 2, resumeRunId: 7 }),
    ).rejects.toMatchObject({
      code: 'not-found',
      message: 'Training run 7 is not in this project.',
    });
  });

  it('to stop a run that does not exist, and answers null for one that has ended', async () => {
    await expect(studio.call('training:stop', { runId: 3 })).rejects.toMatchObject({
      code: 'not-found',
    });
    const run = studio.store.createTrainingRun({ config: {}, seed: 0 });
    studio.store.updateTrainingRun(run.id, { status: 'running' });
    studio.store.updateTrainingRun(run.id, { status: 'completed' });
    expect(await studio.call('training:stop', { runId: run.id })).toBeNull();
    expect(await studio.call('training:status', {})).toBeNull();
  });

  it('nothing, but marks a run left running by a studio that quit as failed', async () => {
    const run = studio.store.createTrainingRun({ config: {}, seed: 0 });
    studio.store.updateTrainingRun(run.id, { status: 'running' });
    const [summary] = await studio.call('training:runs', {});
    expect(summary).toMatchObject({
      runId: run.id,
      status: 'failed',
      error: expect.stringMatching(/closed while this run was training/),
    });
  });
});
