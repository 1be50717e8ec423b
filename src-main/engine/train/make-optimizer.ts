import type { Optimizer, Tensor } from '@tensorflow/tfjs';
import type { Tf } from '../tf-types';
import type { OptimizerSettings } from './training-settings';

export function makeOptimizer(tf: Tf, settings: OptimizerSettings): Optimizer {
  if (settings.kind === 'adam') return tf.train.adam(settings.learningRate);
  const optimizer = tf.train.momentum(settings.learningRate, settings.momentum);
  // tfjs 4.22's MomentumOptimizer.dispose() forgets the learning-rate scalar (`c`) that its
  // SGD parent keeps, so every run of the paper preset would leak one tensor.
  const disposeOwn = optimizer.dispose.bind(optimizer);
  optimizer.dispose = () => {
    disposeOwn();
    const rate = (optimizer as unknown as { c?: Tensor }).c;
    if (rate && !rate.isDisposed) rate.dispose();
  };
  return optimizer;
}
