// models:list and models:rename through the real handlers: what the list says about a model
// comes from its checkpoint, its run's snapshot manifest and the store; a model whose folder is
// gone is still listed, marked, and the list never fails because of it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLASSES, StudioSession } from '../../../../src-main/services/studio-session';
import { MISSING_FILES_BACKEND } from '../../../../src-main/services/workflow/model-summary';
import { addModel, connect, trainTinyModel } from './models-fixture';

let work: string;
let model: string;
const session = new StudioSession();
const { handlers, context } = connect(session);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'studio-models-'));
  model = await trainTinyModel(session, work);
}, 240_000);
afterAll(async () => {
  await session.dispose();
  rmSync(work, { recursive: true, force: true });
});

describe('the model list', () => {
  it('describes each model from its checkpoint, its snapshot manifest and its scores', async () => {
    session.createProject(join(work, 'list'));
    expect(await handlers['models:list']({}, context)).toEqual([]);
    const metrics = { loss: 0.4, pixelError: 0.1, foregroundIou: 0.7 };
    const first = addModel(session, model, {
      name: 'With manifest',
      manifest: { annotatedImages: 3, labelledPixels: 12_345 },
      metrics,
    });
    // No manifest left (a moved snapshot): the totals the store's config copied from it.
    const second = addModel(session, model, {
      name: 'Config totals',
      run: 'run-2',
      config: { filters: 2, depth: 2, annotatedImages: 2, labelledPixels: 15 },
      metrics: { validation: metrics },
    });
    const third = addModel(session, model, { name: 'From the CLI', run: 'run-3' });

    const list = await handlers['models:list']({}, context);
    expect(list.map((m) => m.id)).toEqual([first.id, second.id, third.id]);
    for (const summary of list) {
      expect(summary).toMatchObject({
        steps: 4,
        backend: 'cpu',
        filters: 2,
        depth: 2,
        hasOnnx: true,
        runId: null,
        // A CLI model names its classes; network class c is label c + 1, in the project's colours.
        classes: DEFAULT_CLASSES,
      });
    }
    expect(list[0]).toMatchObject({ annotatedImages: 3, labelledPixels: 12_345, metrics });
    expect(list[1]).toMatchObject({ annotatedImages: 2, labelledPixels: 15, metrics });
    expect(list[2]).toMatchObject({ annotatedImages: 0, labelledPixels: 0, metrics: null });
  });

  it('keeps a model whose folder is gone in the list, marked, with what the store knows', async () => {
    session.createProject(join(work, 'gone'));
    const kept = addModel(session, model, { name: 'Kept' });
    const gone = addModel(session, model, { name: 'Gone', run: 'run-2' });
    rmSync(join(session.store.dir, 'models', 'run-2'), { recursive: true });
    const studioTrained = addModel(session, model, {
      name: 'Studio run',
      run: 'run-3',
      config: { steps: 40, filters: 8, depth: 3, classes: DEFAULT_CLASSES },
    });
    rmSync(join(session.store.dir, 'models', 'run-3'), { recursive: true });
    const list = await handlers['models:list']({}, context);
    expect(list.map((m) => [m.name, m.backend, m.hasOnnx])).toEqual([
      ['Kept', 'cpu', true],
      ['Gone', MISSING_FILES_BACKEND, false],
      ['Studio run', MISSING_FILES_BACKEND, false],
    ]);
    // What the store knows survives: the network's size and classes from the model's config.
    expect(list[1]).toMatchObject({ id: gone.id, filters: 2, depth: 2, steps: 0, classes: [] });
    expect(list[2]).toMatchObject({
      id: studioTrained.id,
      filters: 8,
      depth: 3,
      steps: 40,
      classes: DEFAULT_CLASSES,
    });
    expect(kept.id).toBeLessThan(gone.id);
  });
});

describe('renaming a model', () => {
  it('changes the name the list shows, and keeps it when the project is opened again', async () => {
    const dir = join(work, 'rename');
    session.createProject(dir);
    const { id } = addModel(session, model, { name: 'run 1' });
    const renamed = await handlers['models:rename'](
      { modelId: id, name: '  Nuclei, good  ' },
      context,
    );
    expect(renamed).toMatchObject({ id, name: 'Nuclei, good', filters: 2 });
    session.openProject(dir);
    expect((await handlers['models:list']({}, context)).map((m) => m.name)).toEqual([
      'Nuclei, good',
    ]);
    await expect(
      handlers['models:rename']({ modelId: id + 1, name: 'x' }, context),
    ).rejects.toMatchObject({
      code: 'not-found',
    });
  });
});
