// Will a training step fit? The backward pass keeps every layer's activations and makes their
// gradients, so a step needs several times the forward pass's memory. On wasm the whole heap is
// 4 GB (wasm32), so a paper-sized network (64 filters, 572 px) cannot train there: instead of
// crashing mid-step, the engine trains on the largest tile that fits, or says why it cannot.
import { totalmem } from 'node:os';
import { estimateForwardBytes } from '../predict/tile-budget';
import { isValidInput, smallestValidInput } from '../network/tile-geometry';
import type { UNetConfig } from '../network/unet-config';

/**
 * Peak tensor memory of one step over the forward-pass estimate, measured with `tf.profile` on
 * wasm (depth 4; 8-32 filters, 188-572 px tiles) at 2.6-4.6; 5 keeps a margin.
 */
const BACKWARD_FACTOR = 5;
/** Weights, their gradients and Adam's two moments: four float32 copies of the parameters. */
const COPIES_OF_PARAMETERS = 4;
/** Below the 4 GB wasm32 heap: the allocator also needs room for fragmentation. */
export const WASM_TRAINING_BUDGET_BYTES = 3 * 1024 ** 3;

export function countParameters(config: UNetConfig): number {
  let total = 0;
  let channels = config.inputChannels;
  for (let level = 0; level <= config.depth; level++) {
    const out = config.filters * 2 ** level;
    total += 9 * channels * out + out + 9 * out * out + out;
    channels = out;
  }
  for (let level = config.depth - 1; level >= 0; level--) {
    const out = config.filters * 2 ** level;
    total += 4 * channels * out + out; // up-convolution
    total += 9 * 2 * out * out + out + 9 * out * out + out;
    channels = out;
  }
  return total + channels * config.numClasses + config.numClasses;
}

export function estimateTrainingBytes(config: UNetConfig, tile: number): number {
  return (
    BACKWARD_FACTOR * estimateForwardBytes(config, tile) +
    COPIES_OF_PARAMETERS * 4 * countParameters(config)
  );
}

/** How much memory a training step may use on each backend; undefined: not checked here. */
export function trainingBudgetBytes(backend: string): number | undefined {
  if (backend === 'wasm') return WASM_TRAINING_BUDGET_BYTES;
  // The GPU's memory is TensorFlow's to manage; it reports its own out-of-memory errors.
  if (backend === 'tensorflow-gpu') return undefined;
  return totalmem() / 2;
}

export type TileFit =
  { ok: true; tile: number; reducedFrom?: number; bytes: number } | { ok: false; reason: string };

const gigabytes = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GB`;

/** The requested tile if it fits the budget, else the largest valid smaller one that does. */
export function fitTrainingTile(
  config: UNetConfig,
  requested: number,
  budgetBytes: number | undefined,
  backend: string,
): TileFit {
  if (budgetBytes === undefined || estimateTrainingBytes(config, requested) <= budgetBytes)
    return { ok: true, tile: requested, bytes: estimateTrainingBytes(config, requested) };
  const smallest = smallestValidInput(config);
  for (let tile = requested - 1; tile >= smallest; tile--) {
    if (!isValidInput(tile, config)) continue;
    const bytes = estimateTrainingBytes(config, tile);
    if (bytes <= budgetBytes) return { ok: true, tile, reducedFrom: requested, bytes };
  }
  return {
    ok: false,
    reason:
      `A U-Net with ${config.filters} base filters needs about ` +
      `${gigabytes(estimateTrainingBytes(config, smallest))} to train even on its smallest tile ` +
      `(${smallest} px), and the ${backend} backend can use ${gigabytes(budgetBytes)}. ` +
      `Train with fewer filters, or on a machine where TensorFlow loads.`,
  };
}
