// A compute process that dies mid-run (killed, out of memory) fails the run with a clear message;
// the next start gets a fresh process and trains.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emCrop, paintStrokes, Studio, TINY } from './training-fixture';

const SIZE = 64;
let studio: Studio;

beforeAll(async () => {
  studio = new Studio();
  studio.createProject();
  const a = emCrop(4, SIZE);
  const [image] = await studio.addImages([
    { name: 'em.tif', width: SIZE, height: SIZE, data: a.image },
  ]);
  paintStrokes(studio, image!.id, 0, a.truth, SIZE);
}, 120_000);
afterAll(() => studio.dispose());

describe('a compute process killed mid-run', () => {
  it('fails the run with a message the person understands, and the next run trains', async () => {
    const { runId } = await studio.call('training:start', { ...TINY, steps: 100_000 });
    await studio.waitFor('training:progress', (e) => e.runId === runId && e.step >= 2);
    const pid = studio.session.compute.pid!;
    process.kill(pid, 'SIGKILL');

    const finished = await studio.waitFor('training:finished', (e) => e.runId === runId);
    expect(finished.status).toBe('failed');
    expect(finished.message).toMatch(/compute process stopped unexpectedly: it was killed/);
    expect(finished.modelId).toBeUndefined();
    const [run] = await studio.call('training:runs', {});
    expect(run).toMatchObject({ runId, status: 'failed', error: finished.message });
    expect(await studio.call('training:status', {})).toBeNull();

    const { runId: next } = await studio.call('training:start', { ...TINY, steps: 2 });
    const again = await studio.waitFor('training:finished', (e) => e.runId === next);
    expect(again).toMatchObject({ status: 'completed', modelId: expect.any(Number) });
    expect(studio.session.compute.pid).not.toBe(pid);
  }, 240_000);
});
