import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../../../src-preload/contract';
import { useBatchStore } from '../../../../src-renderer/src/stores/batch';
import { useNotificationsStore } from '../../../../src-renderer/src/stores/notifications';
import { deferred, fakeStudio, settle } from './fake-studio';

vi.mock('../../../../src-renderer/src/api', async () => (await import('./store-mocks')).apiModule);

beforeEach(() => {
  fakeStudio.reset();
  setActivePinia(createPinia());
});

function readyBatch() {
  const batch = useBatchStore();
  batch.modelId = 2;
  batch.inputFolder = ' /data/in ';
  batch.outputFolder = '/data/out';
  batch.write = 'instances';
  return batch;
}

describe('batch store', () => {
  it('asks for a model and two different folders before starting', () => {
    const batch = useBatchStore();
    expect(batch.startProblem).toBe('Choose a model.');
    batch.modelId = 1;
    batch.inputFolder = '/a/';
    batch.outputFolder = '/a';
    expect(batch.startProblem).toMatch(/other than the input folder/);
  });

  it('follows progress, lists failed files without stopping, and sums up', async () => {
    const answer = deferred<ReturnType<typeof ok<{ jobId: number; total: number }>>>();
    fakeStudio.answer('batch:start', () => answer.promise);
    const batch = readyBatch();
    const starting = batch.start();
    await settle();
    expect(fakeStudio.requests('batch:start')).toEqual([
      {
        modelId: 2,
        inputFolder: '/data/in',
        outputFolder: '/data/out',
        write: 'instances',
        tta: false,
      },
    ]);
    // Progress may come before the answer names the job.
    fakeStudio.emit('batch:progress', {
      jobId: 8,
      done: 0,
      total: 3,
      file: '/data/in/a.tif',
      imageFraction: 0.5,
    });
    answer.resolve(ok({ jobId: 8, total: 3 }));
    await starting;
    expect(batch.state).toBe('running');
    expect(batch.overallFraction).toBeCloseTo(0.5 / 3, 12);

    fakeStudio.emit('batch:progress', {
      jobId: 8,
      done: 1,
      total: 3,
      file: '/data/in/b.tif',
      imageFraction: 0,
      failed: 'not an image',
    });
    fakeStudio.emit('batch:progress', {
      jobId: 99,
      done: 3,
      total: 3,
      file: '/x',
      imageFraction: 1,
    });
    expect(batch.done).toBe(1);
    expect(batch.failedCount).toBe(1);

    fakeStudio.emit('batch:finished', {
      jobId: 8,
      status: 'completed',
      written: ['/data/out/a.tif', '/data/out/c.tif'],
      failed: [{ file: '/data/in/b.tif', reason: 'not an image' }],
      outputFolder: '/data/out',
      seconds: 4,
    });
    expect(batch.state).toBe('completed');
    expect(batch.failures).toEqual([{ file: '/data/in/b.tif', reason: 'not an image' }]);
    expect(batch.summary?.written).toHaveLength(2);
  });

  it('cancels, and reports a failed batch in plain words', async () => {
    fakeStudio.answer('batch:start', () => ok({ jobId: 5, total: 10 }));
    fakeStudio.answer('batch:cancel', () => ok(null));
    const batch = readyBatch();
    await batch.start();
    const cancelling = batch.cancel();
    expect(batch.state).toBe('cancelling');
    await cancelling;
    expect(fakeStudio.requests('batch:cancel')).toEqual([{ jobId: 5 }]);
    fakeStudio.emit('batch:finished', {
      jobId: 5,
      status: 'cancelled',
      written: [],
      failed: [],
      outputFolder: '/data/out',
      seconds: 1,
    });
    expect(batch.state).toBe('cancelled');

    await batch.start();
    fakeStudio.emit('batch:finished', {
      jobId: 5,
      status: 'failed',
      written: [],
      failed: [],
      outputFolder: '/data/out',
      message: 'The model file is missing.',
      seconds: 0,
    });
    expect(batch.state).toBe('failed');
    expect(useNotificationsStore().errors.map((e) => e.message)).toEqual([
      'The model file is missing.',
    ]);
  });
});
