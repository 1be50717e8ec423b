// The chart of a run, built from the train job's progress messages.
import { describe, expect, it } from 'vitest';
import type { TrainJobProgress } from '../../../../src-main/engine/jobs/job-types';
import {
  lastValidation,
  readHistory,
  recordProgress,
  thin,
  type HistoryPoint,
} from '../../../../src-main/services/workflow/training-history';

function progress(step: number, extra: Partial<TrainJobProgress> = {}): TrainJobProgress {
  return {
    step,
    loss: 1 / (step + 1),
    learningRate: 1e-3,
    smoothedLoss: 0.5,
    tilesPerSecond: 1,
    elapsedSeconds: step,
    memory: { tensors: 0, tensorMegabytes: 0, rssMegabytes: 0 },
    backend: 'cpu',
    phase: 'training',
    ...extra,
  };
}

const metrics = { loss: 0.3, pixelError: 0.1, foregroundIoU: 0.7 };

describe('the history of a run', () => {
  it('keeps one point per step and puts validation on its step', () => {
    const points: HistoryPoint[] = [];
    expect(recordProgress(points, progress(0, { setup: undefined, loss: NaN }))).toBe(false);
    expect(recordProgress(points, progress(1))).toBe(true);
    expect(recordProgress(points, progress(1, { phase: 'saving' }))).toBe(false);
    recordProgress(points, progress(2, { phase: 'validating' }));
    recordProgress(points, progress(2, { phase: 'saving', validation: metrics }));
    recordProgress(points, progress(2, { validation: metrics }));
    recordProgress(points, progress(3, { loss: NaN }));
    expect(points).toEqual([
      { step: 1, loss: 0.5 },
      { step: 2, loss: 1 / 3, validation: { loss: 0.3, pixelError: 0.1, foregroundIou: 0.7 } },
      { step: 3, loss: null },
    ]);
    expect(lastValidation(points)).toEqual({ loss: 0.3, pixelError: 0.1, foregroundIou: 0.7 });
  });

  it('ignores previews and thins a long run, keeping every validation', () => {
    const points: HistoryPoint[] = [];
    const preview = { step: 1, x: 0, y: 0, width: 1, height: 1, classes: new Uint8Array(1) };
    expect(recordProgress(points, progress(1, { preview }))).toBe(false);
    for (let step = 1; step <= 1000; step++) {
      recordProgress(points, progress(step, step % 97 === 0 ? { validation: metrics } : {}), 300);
    }
    expect(points.length).toBeLessThanOrEqual(300);
    expect(points.length).toBeGreaterThan(100);
    expect(points.filter((p) => p.validation).map((p) => p.step)).toEqual(
      Array.from({ length: 10 }, (_, i) => (i + 1) * 97),
    );
    expect(points[0]!.step).toBe(1);
    expect(points.at(-1)!.step).toBe(1000);
    const sorted = points.map((p) => p.step);
    expect(sorted).toEqual([...sorted].sort((a, b) => a - b));
    const copy = [...points];
    thin(copy);
    expect(copy.length).toBeLessThan(points.length);
  });

  it('reads back what the store holds, skipping what is not a point', () => {
    expect(
      readHistory([
        { step: 1, loss: 0.5 },
        { step: 'x' },
        null,
        { step: 2, loss: null, validation: { loss: 1, pixelError: 0, foregroundIou: 1 } },
        { step: 3, loss: 0.1, validation: { loss: 1 } },
      ]),
    ).toEqual([
      { step: 1, loss: 0.5 },
      { step: 2, loss: null, validation: { loss: 1, pixelError: 0, foregroundIou: 1 } },
      { step: 3, loss: 0.1 },
    ]);
    expect(readHistory({})).toEqual([]);
  });
});
