// Stopping a run keeps what it learned as a model; continuing it is a new run that carries on the
// step count, the chart and the weights, and leaves the stopped run and its model as they were.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emCrop, paintStrokes, Studio, TINY } from './training-fixture';

const SIZE = 64;
let studio: Studio;

beforeAll(async () => {
  studio = new Studio();
  studio.createProject();
  const a = emCrop(3, SIZE);
  const [image] = await studio.addImages([
    { name: 'em.tif', width: SIZE, height: SIZE, data: a.image },
  ]);
  paintStrokes(studio, image!.id, 0, a.truth, SIZE);
}, 120_000);
afterAll(() => studio.dispose());

const savedStep = (modelDir: string) =>
  JSON.parse(readFileSync(join(studio.store.dir, modelDir, 'last', 'studio.json'), 'utf8')).training
    .step as number;

describe('stopping and continuing a run', () => {
  let first: number;
  let stoppedAt: number;

  it('stops mid-run: the run is cancelled and still becomes a model', async () => {
    ({ runId: first } = await studio.call('training:start', {
      ...TINY,
      steps: 100_000,
      validateEvery: 2,
    }));
    await studio.waitFor('training:progress', (e) => e.runId === first && e.step >= 3);
    const status = await studio.call('training:status', {});
    expect(status).toMatchObject({ runId: first, status: 'running', totalSteps: 100_000 });
    expect(status!.history.length).toBeGreaterThanOrEqual(3);
    await expect(studio.call('training:start', { ...TINY, steps: 2 })).rejects.toMatchObject({
      code: 'busy',
      message: expect.stringContaining(`run ${first}`),
    });

    // Asking for the engine while it trains must not load another backend under the run.
    expect(await studio.call('training:backends', {})).toMatchObject({ backend: 'cpu' });

    expect(await studio.call('training:stop', { runId: first })).toBeNull();
    // When stop answers, the run has ended and its model is recorded.
    const finished = studio.of('training:finished').find((e) => e.runId === first)!;
    expect(finished).toMatchObject({ status: 'cancelled', modelId: expect.any(Number) });
    const model = studio.store.getModel(finished.modelId!)!;
    stoppedAt = savedStep(model.dir);
    expect(stoppedAt).toBeGreaterThanOrEqual(3);
    expect(model.name).toBe(`Run ${first} · ${stoppedAt} steps`);
    expect(studio.store.getTrainingRun(first)!.status).toBe('cancelled');
    expect(await studio.call('training:status', {})).toBeNull();
  }, 240_000);

  it('continues from the last checkpoint as a new run whose step count carries on', async () => {
    const { runId: second } = await studio.call('training:start', {
      ...TINY,
      steps: 3,
      resumeRunId: first,
    });
    expect(second).not.toBe(first);
    const finished = await studio.waitFor('training:finished', (e) => e.runId === second);
    expect(finished).toMatchObject({ status: 'completed', modelId: expect.any(Number) });

    const progress = studio.of('training:progress').filter((e) => e.runId === second);
    expect(progress[0]!.setup).toBeDefined();
    expect(progress[0]!.step).toBe(stoppedAt);
    expect(progress.filter((e) => !e.setup)[0]!.step).toBeGreaterThan(stoppedAt);
    expect(progress.at(-1)).toMatchObject({ step: stoppedAt + 3, totalSteps: stoppedAt + 3 });

    const model = studio.store.getModel(finished.modelId!)!;
    expect(model.name).toBe(`Run ${second} · ${stoppedAt + 3} steps`);
    expect(savedStep(model.dir)).toBe(stoppedAt + 3);
    // The stopped run and its model are untouched.
    expect(savedStep(`models/run-${first}/model`)).toBe(stoppedAt);
    const runs = await studio.call('training:runs', {});
    expect(runs.map((r) => [r.runId, r.status])).toEqual([
      [first, 'cancelled'],
      [second, 'completed'],
    ]);
    // The new run's chart starts with the old run's points.
    const steps = runs[1]!.history.map((p) => p.step);
    expect(steps).toEqual(Array.from({ length: stoppedAt + 3 }, (_, i) => i + 1));
    expect(runs[1]!.step).toBe(stoppedAt + 3);
  }, 240_000);

  it('stops a run when the studio shuts down, keeping its model', async () => {
    const { runId } = await studio.call('training:start', { ...TINY, steps: 100_000 });
    await studio.waitFor('training:progress', (e) => e.runId === runId && e.step >= 1);
    await studio.session.training.shutdown();
    expect(studio.of('training:finished').find((e) => e.runId === runId)).toMatchObject({
      status: 'cancelled',
      modelId: expect.any(Number),
    });
  }, 240_000);

  it('stops a run whose project is closed, keeping its model; reopened, the run is listed as ended', async () => {
    const { runId } = await studio.call('training:start', { ...TINY, steps: 100_000 });
    await studio.waitFor('training:progress', (e) => e.runId === runId && e.step >= 1);
    const dir = studio.store.dir;
    // Closing waits for the run to save its last checkpoint and become a model.
    await studio.call('project:close', {});
    const finished = await studio.waitFor('training:finished', (e) => e.runId === runId);
    expect(finished).toMatchObject({ status: 'cancelled', modelId: expect.any(Number) });
    studio.session.openProject(dir);
    const run = (await studio.call('training:runs', {})).find((r) => r.runId === runId);
    expect(run).toMatchObject({ status: 'cancelled', error: null });
    const models = await studio.call('models:list', {});
    expect(models.map((m) => m.id)).toContain(finished.modelId);
  }, 240_000);
});
