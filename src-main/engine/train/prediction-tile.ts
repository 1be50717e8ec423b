// The tile size for predicting a small image during training (validation crops, previews). The
// overlap-tile prediction costs about (number of tiles) x (input tile area): a 572 px tile over a
// 64 px crop computes mostly mirrored context, while many tiny tiles repeat the context margin.
// The cheapest valid tile is found by counting, not by trying; the result does not depend on
// the tile (overlap-tile prediction is tiling-independent), only the time does.
import {
  isValidInput,
  outputSize,
  poolAlignment,
  smallestValidInput,
} from '../network/tile-geometry';
import type { UNetConfig } from '../network/unet-config';

/** Fixed cost of one tile (a predict call, its tensors, a turn of the event loop), in pixels. */
const TILE_OVERHEAD_PIXELS = 64 * 64;

export function cheapestPredictionTile(
  config: Pick<UNetConfig, 'depth' | 'padding'>,
  width: number,
  height: number,
  maxTile: number,
): number {
  const align = poolAlignment(config);
  let best = maxTile;
  let bestCost = Infinity;
  for (let input = smallestValidInput(config); input <= maxTile; input++) {
    if (!isValidInput(input, config)) continue;
    const out = outputSize(input, config)!;
    const stride = config.padding === 'valid' ? Math.floor(out / align) * align : out;
    if (stride <= 0) continue;
    const tiles = Math.ceil(width / stride) * Math.ceil(height / stride);
    const cost = tiles * (input * input + TILE_OVERHEAD_PIXELS);
    // Ties go to the larger tile: fewer calls.
    if (cost <= bestCost) {
      best = input;
      bestCost = cost;
    }
  }
  return best;
}
