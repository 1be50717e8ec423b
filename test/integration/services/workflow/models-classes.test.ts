// Which project class a network class stands for: a studio model's saved classes (with gaps in
// the indices), a CLI model's class names, and the label values prediction writes.
import { describe, expect, it } from 'vitest';
import type { ModelMetadata } from '../../../../src-main/engine/checkpoint/model-metadata';
import { labelsFromProbabilities } from '../../../../src-main/engine/jobs/prediction-maps';
import { DEFAULT_NORMALISATION } from '../../../../src-main/engine/predict/normalise';
import {
  classMismatch,
  labelValues,
  modelClasses,
} from '../../../../src-main/services/workflow/model-classes';

function metadata(numClasses: number, extra: Record<string, unknown> = {}): ModelMetadata {
  return {
    format: 'unet-studio-model',
    version: 1,
    network: { depth: 2, filters: 2, padding: 'valid', dropout: 0, inputChannels: 1, numClasses },
    tile: 60,
    classNames: Array.from({ length: numClasses }, (_, c) => `Class ${c}`),
    labelKind: 'classes',
    normalisation: DEFAULT_NORMALISATION,
    training: { step: 1, seed: 1, config: {}, history: [] },
    backend: 'cpu',
    savedAt: '2025-01-01T00:00:00.000Z',
    ...extra,
  };
}

const project = [
  { index: 1, name: 'Background', colour: '#111111' },
  { index: 3, name: 'Membrane', colour: '#333333' },
];

describe('model classes', () => {
  it('uses the project classes a studio model saved, and never predicts a gap in their indices', () => {
    const studio = metadata(3, { classes: project });
    expect(modelClasses(studio, null, [])).toEqual(project);
    // Where studio.json has none, the store's model config names them.
    expect(modelClasses(metadata(3), { classes: project }, [])).toEqual(project);
    expect(labelValues(studio, project)).toEqual([1, 0, 3]);
    expect(classMismatch(project, project)).toBeUndefined();

    // Network class 1 (label 2) is the most probable everywhere, but the model never learned it.
    const probabilities = Float32Array.from([0.3, 0.6, 0.1, 0.1, 0.5, 0.4]);
    const maps = labelsFromProbabilities(probabilities, 2, 3, labelValues(studio, project));
    expect([...maps.classes]).toEqual([1, 3]);
    expect([...maps.foregroundProbability].map((p) => +p.toFixed(6))).toEqual([0.7, 0.9]);
  });

  it('maps a CLI model class c to label c + 1, named as the model names it, coloured as the project does', () => {
    const cli = metadata(2, { classNames: ['Background', 'Foreground'] });
    const classes = modelClasses(cli, { preset: 'cpu' }, project);
    expect(classes).toEqual([
      { index: 1, name: 'Background', colour: '#111111' },
      { index: 2, name: 'Foreground', colour: expect.stringMatching(/^#[0-9a-f]{6}$/) },
    ]);
    expect(labelValues(cli, classes)).toEqual([1, 2]);
    expect(classMismatch(classes, project)).toMatch(/"Foreground" \(2\)/);
  });
});
