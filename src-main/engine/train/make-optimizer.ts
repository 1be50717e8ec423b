import type { Tf } from '../tf-types';
import type { OptimizerSettings } from './training-settings';

export function makeOptimizer(tf: Tf, settings: OptimizerSettings) {
  return settings.kind === 'sgd'
    ? tf.train.momentum(settings.learningRate, settings.momentum)
    : tf.train.adam(settings.learningRate);
}
