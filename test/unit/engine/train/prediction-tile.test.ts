// The tile for predicting small images during training: valid, never above the limit, and no
// dearer than the largest tile (which is what validation used before).
import { describe, expect, it } from 'vitest';
import { isValidInput, outputSize } from '../../../../src-main/engine/network/tile-geometry';
import { cheapestPredictionTile } from '../../../../src-main/engine/train/prediction-tile';

const depth4 = { depth: 4, padding: 'valid' as const };
const depth2 = { depth: 2, padding: 'valid' as const };

function cost(tile: number, width: number, height: number, depth: number) {
  const out = outputSize(tile, { depth, padding: 'valid' })!;
  const stride = Math.floor(out / 2 ** depth) * 2 ** depth;
  return Math.ceil(width / stride) * Math.ceil(height / stride) * (tile * tile + 4096);
}

describe('the prediction tile for a small image', () => {
  it('is a valid tile no larger than the limit, and no dearer than the limit', () => {
    for (const [width, height] of [
      [64, 64],
      [300, 200],
      [1024, 64],
      [1024, 1024],
    ] as const) {
      for (const config of [depth2, depth4]) {
        const tile = cheapestPredictionTile(config, width, height, 572);
        expect(isValidInput(tile, config)).toBe(true);
        expect(tile).toBeLessThanOrEqual(572);
        expect(cost(tile, width, height, config.depth)).toBeLessThanOrEqual(
          cost(572, width, height, config.depth),
        );
      }
    }
  });

  it('shrinks for a small crop and stays large for a large window', () => {
    expect(cheapestPredictionTile(depth2, 64, 64, 572)).toBeLessThan(200);
    // 540 px tiles cover 1024 px in three (356 px outputs), as 572 px ones do, for less work.
    expect(cheapestPredictionTile(depth4, 1024, 1024, 572)).toBe(540);
  });
});
