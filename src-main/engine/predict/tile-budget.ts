// The prediction tile is the largest that fits a memory budget: bigger tiles waste less work
// on the mirrored context, but every level's activations must fit at once.
import { inputForOutput, isValidInput, outputSize, poolAlignment } from '../network/tile-geometry';
import type { UNetConfig } from '../network/unet-config';

/** Default budget for activations: well inside wasm's 4 GB heap, beside the model. */
export const DEFAULT_PREDICTION_BUDGET_BYTES = 1024 ** 3;

/**
 * An upper estimate of the forward pass's float32 activations: per level the two conv outputs
 * and the kept skip on the way down, and the up-convolution, concatenation and two convs on
 * the way up, counted as if all were alive at once.
 */
export function estimateForwardBytes(config: UNetConfig, input: number): number {
  let elements = input * input * config.inputChannels;
  let size = input;
  for (let level = 0; level <= config.depth; level++) {
    const channels = config.filters * 2 ** level;
    elements += size * size * channels * (level === config.depth ? 2 : 6);
    size = Math.floor(size / 2);
  }
  return elements * 4;
}

export function choosePredictionTile(
  config: UNetConfig,
  width: number,
  height: number,
  budgetBytes = DEFAULT_PREDICTION_BUDGET_BYTES,
): number {
  const align = poolAlignment(config);
  // No point in a tile larger than one that covers the whole image.
  const cover = inputForOutput(Math.ceil(Math.max(width, height) / align) * align + align, config);
  for (let input = cover; input > 0; input--) {
    if (!isValidInput(input, config)) continue;
    const out = outputSize(input, config)!;
    if (out >= align && estimateForwardBytes(config, input) <= budgetBytes) return input;
  }
  throw new Error(
    `Even the smallest tile of this network needs more than ${Math.round(budgetBytes / 2 ** 20)} MB; the model is too large for this machine.`,
  );
}
