// The paper's energy (Eq. 1): pixel-wise softmax, cross-entropy weighted by w(x). Unlabelled
// pixels carry weight 0, so they add exactly nothing to the loss or its gradient.
import type { Tensor, Tf } from '../tf-types';

/**
 * @param logits [batch, h, w, K] class scores
 * @param labels [batch, h, w] int32: 0 = unlabelled, k = 1..K = class k
 * @param weights [batch, h, w] float32, 0 where unlabelled
 * @returns scalar: sum of w * CE over labelled pixels / number of labelled pixels (a mean that
 *   does not shrink when only a few pixels are painted)
 */
export function weightedCrossEntropy(
  tf: Tf,
  logits: Tensor,
  labels: Tensor,
  weights: Tensor,
): Tensor {
  return tf.tidy(() => {
    const numClasses = logits.shape[logits.rank - 1]!;
    const logProbabilities = tf.logSoftmax(logits, -1);
    // Unlabelled pixels pick class 0 here, but their weight of 0 cancels them exactly.
    const classIndex = tf.maximum(tf.sub(labels, 1), 0).toInt();
    const oneHot = tf.oneHot(classIndex, numClasses).toFloat();
    const crossEntropy = tf.neg(tf.sum(tf.mul(oneHot, logProbabilities), -1));
    const labelled = tf.maximum(tf.sum(tf.cast(tf.greater(labels, 0), 'float32')), 1);
    return tf.div(tf.sum(tf.mul(crossEntropy, weights)), labelled);
  });
}
