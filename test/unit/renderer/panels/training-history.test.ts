import { describe, expect, it } from 'vitest';
import type { TrainingProgressEvent } from '../../../../src-preload/contract';
import {
  appendPoint,
  historyFromSummary,
  pointFromProgress,
  seriesOf,
  thinHistory,
  type HistoryPoint,
} from '../../../../src-renderer/src/lib/training-history';

function point(step: number, loss: number | null, pixelError: number | null = null): HistoryPoint {
  return { step, loss, smoothedLoss: loss, pixelError, foregroundIou: null };
}

const progress: TrainingProgressEvent = {
  runId: 1,
  step: 40,
  totalSteps: 200,
  loss: 0.7,
  smoothedLoss: 0.9,
  learningRate: 1e-3,
  stepsPerSecond: 2,
  etaSeconds: 80,
  elapsedSeconds: 20,
  phase: 'train',
  validation: { loss: 0.8, pixelError: 0.12, foregroundIou: 0.66 },
};

describe('pointFromProgress', () => {
  it('takes the loss, the smoothed loss and the validation metrics of one event', () => {
    expect(pointFromProgress(progress)).toEqual({
      step: 40,
      loss: 0.7,
      smoothedLoss: 0.9,
      pixelError: 0.12,
      foregroundIou: 0.66,
    });
    const { validation: _, ...withoutValidation } = progress;
    expect(pointFromProgress({ ...withoutValidation, loss: null })).toEqual({
      step: 40,
      loss: null,
      smoothedLoss: 0.9,
      pixelError: null,
      foregroundIou: null,
    });
  });
});

describe('appendPoint', () => {
  it('merges a second report of the same step into the first', () => {
    const history: HistoryPoint[] = [];
    appendPoint(history, point(10, 1));
    appendPoint(history, {
      step: 10,
      loss: null,
      smoothedLoss: null,
      pixelError: 0.1,
      foregroundIou: 0.8,
    });
    expect(history).toEqual([
      { step: 10, loss: 1, smoothedLoss: 1, pixelError: 0.1, foregroundIou: 0.8 },
    ]);
  });

  it('drops the points after an earlier step (a run resumed from its checkpoint)', () => {
    const history = [point(10, 3), point(20, 2), point(30, 1)];
    appendPoint(history, point(20, 2.5));
    expect(history.map((p) => [p.step, p.loss])).toEqual([
      [10, 3],
      [20, 2.5],
    ]);
  });
});

describe('historyFromSummary', () => {
  it('rebuilds the smoothed loss as the mean of the last losses, skipping missing ones', () => {
    const history = historyFromSummary({
      runId: 1,
      status: 'running',
      step: 4,
      totalSteps: 10,
      error: null,
      history: [
        { step: 1, loss: 4 },
        { step: 2, loss: 2 },
        { step: 3, loss: null },
        { step: 4, loss: 6, validation: { loss: 1, pixelError: 0.2, foregroundIou: 0.5 } },
      ],
    });
    expect(history.map((p) => p.smoothedLoss)).toEqual([4, 3, 3, 4]);
    expect(history[3]).toEqual({
      step: 4,
      loss: 6,
      smoothedLoss: 4,
      pixelError: 0.2,
      foregroundIou: 0.5,
    });
  });

  it('averages over the last 20 losses only, like the engine', () => {
    const history = historyFromSummary({
      runId: 1,
      status: 'running',
      step: 25,
      totalSteps: null,
      error: null,
      history: Array.from({ length: 25 }, (_, i) => ({ step: i + 1, loss: i + 1 })),
    });
    expect(history[24]?.smoothedLoss).toBe(15.5); // mean of 6..25
  });
});

describe('thinHistory', () => {
  it('halves the older half past the limit but keeps every validation point', () => {
    const history = Array.from({ length: 10 }, (_, i) => point(i, i, i === 1 ? 0.3 : null));
    const thinned = thinHistory(history, 8);
    expect(thinned.map((p) => p.step)).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9]);
    expect(thinHistory(history, 10)).toBe(history);
  });
});

describe('seriesOf', () => {
  it('lists (step, value) for the points that have the value', () => {
    const history = [point(1, 2), point(2, null, 0.4), point(3, 1)];
    expect(seriesOf(history, 'loss')).toEqual([
      { x: 1, y: 2 },
      { x: 3, y: 1 },
    ]);
    expect(seriesOf(history, 'pixelError')).toEqual([{ x: 2, y: 0.4 }]);
  });
});
