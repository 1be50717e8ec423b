// Pixel error as the ISBI 2012 challenge and the U-Net paper report it.
import { assertSameLength } from './label-map';

/**
 * 1 - the fraction of pixels whose binary label (non-zero = foreground) agrees. Masks are
 * compared as foreground/background only, so a 0/255 prediction and a 0/1 truth compare as
 * equal. An empty image has no wrong pixels: 0.
 */
export function pixelError(pred: Uint8Array, truth: Uint8Array): number {
  assertSameLength(pred, truth);
  if (truth.length === 0) return 0;
  let wrong = 0;
  for (let i = 0; i < truth.length; i++) {
    const predicted = pred[i]! !== 0;
    const actual = truth[i]! !== 0;
    if (predicted !== actual) wrong++;
  }
  return wrong / truth.length;
}
