// Benchmark, not a test: `npx tsx src-main/engine/augment/bench-sample-tile.ts`. Median ms to draw
// one paper-sized tile (572 -> 388) from a 696x520 image, plain crop and with full augmentation.
import { labelledPixelIndex } from './labelled-index';
import { Rng } from './rng';
import { sampleTrainingTile, type TrainingImage } from './sample-tile';
import { PAPER_AUGMENTATION, type AugmentOptions } from './tile-transform';

const width = 696;
const height = 520;
const rng = new Rng(1);
const labels = Uint8Array.from({ length: width * height }, () =>
  rng.next() < 0.3 ? 1 + rng.int(2) : 0,
);
const source: TrainingImage = {
  width,
  height,
  channels: 1,
  image: Float32Array.from({ length: width * height }, () => rng.next()),
  labels,
  weights: Float32Array.from(labels, (label) => (label === 0 ? 0 : 1)),
  labelledIndex: labelledPixelIndex(labels),
};

function bench(name: string, options: AugmentOptions): void {
  const times: number[] = [];
  for (let run = 0; run < 12; run++) {
    const t0 = performance.now();
    sampleTrainingTile(source, 572, 388, new Rng(run), options);
    if (run > 1) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name}: 572 -> 388 tile from ${width}x${height}: ${times[times.length >> 1]!.toFixed(1)} ms`,
  );
}

bench('plain crop', {});
bench('paper augmentation', PAPER_AUGMENTATION);
