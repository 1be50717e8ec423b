// Floating-point work of one U-Net pass, to turn a measured time into achieved GFLOP/s.
// Counted as 2 flops per multiply-add of the convolutions (3x3, 2x2 up-convolution, 1x1 head);
// pooling, ReLU, crop and softmax are memory-bound and left out, as is usual for such counts.
import type { UNetConfig } from '../engine/network/unet-config';
import { outputSize } from '../engine/network/tile-geometry';

export function forwardFlops(config: UNetConfig, tile: number): number {
  if (outputSize(tile, config) === undefined) throw new Error(`${tile} px is not a valid tile.`);
  const shrink = config.padding === 'valid' ? 2 : 0;
  const conv = (size: number, inCh: number, outCh: number, k: number) => {
    const out = size - (k === 3 ? shrink : 0);
    return { flops: 2 * k * k * inCh * outCh * out * out, size: out };
  };
  let flops = 0;
  let size = tile;
  let channels = config.inputChannels;
  const skipSizes: number[] = [];
  for (let level = 0; level <= config.depth; level++) {
    const out = config.filters * 2 ** level;
    const a = conv(size, channels, out, 3);
    const b = conv(a.size, out, out, 3);
    flops += a.flops + b.flops;
    size = b.size;
    channels = out;
    if (level < config.depth) {
      skipSizes.push(size);
      size /= 2;
    }
  }
  for (let level = config.depth - 1; level >= 0; level--) {
    const out = config.filters * 2 ** level;
    // Each input pixel of a 2x2 stride-2 up-convolution feeds 4 output pixels.
    flops += 2 * 4 * channels * out * size * size;
    size *= 2;
    const a = conv(size, 2 * out, out, 3);
    const b = conv(a.size, out, out, 3);
    flops += a.flops + b.flops;
    size = b.size;
    channels = out;
  }
  return flops + conv(size, channels, config.numClasses, 1).flops;
}

/**
 * A training step: the forward pass, the gradient with respect to each layer's input and the
 * gradient with respect to its weights, each about as much work as the forward pass.
 */
export function trainingStepFlops(config: UNetConfig, tile: number): number {
  return 3 * forwardFlops(config, tile);
}
