// The tiles predict:image reports: what each tile of the overlap-tile plan contributed, so that
// together they cover the image exactly once, whatever the image, tile and network size. At
// depth 4 the output (16k - 60 px) is not a multiple of the pool alignment, so tiles start one
// stride apart and their output windows overlap.
import { describe, expect, it } from 'vitest';
import { outputTiles } from '../../../../src-main/engine/jobs/prediction-maps';
import {
  largestValidInputAtMost,
  smallestValidInput,
} from '../../../../src-main/engine/network/tile-geometry';
import type { UNetConfig } from '../../../../src-main/engine/network/unet-config';
import { planTiles } from '../../../../src-main/engine/predict/overlap-tile';

const network = (depth: number): UNetConfig => ({
  depth,
  filters: 2,
  padding: 'valid',
  dropout: 0,
  inputChannels: 1,
  numClasses: 2,
});

describe('output tiles', () => {
  it.each([
    [2, 97, 64],
    [2, 200, 31],
    [4, 97, 64],
    [4, 130, 41],
  ])('of a depth-%i network cover a %i x %i image exactly once', (depth, width, height) => {
    const config = network(depth);
    const input = largestValidInputAtMost(smallestValidInput(config) + 20, config)!;
    const plan = planTiles(width, height, input, config);
    const tiles = outputTiles(plan, width, height);
    expect(tiles.length).toBeGreaterThan(1);
    if (depth === 4) expect(plan.stride).toBeLessThan(plan.outputSize);
    const covered = new Uint8Array(width * height);
    for (const tile of tiles) {
      for (let y = tile.y; y < tile.y + tile.height; y++)
        for (let x = tile.x; x < tile.x + tile.width; x++) covered[y * width + x]! += 1;
    }
    expect(covered.every((count) => count === 1)).toBe(true);
  });
});
