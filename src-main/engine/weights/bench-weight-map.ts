// Benchmark, not a test: `npx tsx src-main/engine/weights/bench-weight-map.ts [label.tif ...]`.
// Prints the median of several runs for a 512x512 map with 100 touching instances and for real
// dsb2018 instance labels (696x520, 16-bit ids); the goal is "well under a second" per map.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodeImage } from '../../imaging/decode';
import { binaryLabelsFromInstances, separateTouchingInstances } from './instances';
import { computeWeightMap } from './weight-map';

const RUNS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** ms for separation and for the weight map, median over RUNS (after one warm-up run). */
function time(
  instances: Int32Array,
  width: number,
  height: number,
): { separate: number; weights: number } {
  const separateMs: number[] = [];
  const weightMs: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const t0 = performance.now();
    const separated = separateTouchingInstances(instances, width, height).instances;
    const t1 = performance.now();
    computeWeightMap(binaryLabelsFromInstances(separated), width, height, separated, {
      numClasses: 2,
    });
    const t2 = performance.now();
    if (run === 0) continue;
    separateMs.push(t1 - t0);
    weightMs.push(t2 - t1);
  }
  return { separate: median(separateMs), weights: median(weightMs) };
}

/** 100 discs (radius 24) on a 10x10 grid with spacing 44: each overlaps its neighbours, so they touch. */
function touchingDiscs(size: number): Int32Array {
  const map = new Int32Array(size * size);
  for (let row = 0; row < 10; row++) {
    for (let col = 0; col < 10; col++) {
      const cx = 40 + col * 44;
      const cy = 40 + row * 44;
      for (let y = cy - 24; y <= cy + 24; y++) {
        for (let x = cx - 24; x <= cx + 24; x++) {
          if ((x - cx) ** 2 + (y - cy) ** 2 <= 24 * 24) map[y * size + x] = row * 10 + col + 1;
        }
      }
    }
  }
  return map;
}

function report(name: string, instances: Int32Array, width: number, height: number): void {
  const count = new Set(instances).size - 1;
  const { separate, weights } = time(instances, width, height);
  console.log(
    `${name}: ${width}x${height}, ${count} instances: separate ${separate.toFixed(1)} ms, ` +
      `weight map ${weights.toFixed(1)} ms, total ${(separate + weights).toFixed(1)} ms`,
  );
}

report('synthetic discs', touchingDiscs(512), 512, 512);

const labelDir = resolve(import.meta.dirname, '../../../../shared/data/dsb2018-nuclei/labels');
const files = process.argv.slice(2);
if (files.length === 0) {
  try {
    files.push(
      ...readdirSync(labelDir)
        .filter((f) => f.endsWith('.tif'))
        .slice(0, 3)
        .map((f) => join(labelDir, f)),
    );
  } catch {
    console.log(`no dsb2018 labels at ${labelDir}; pass label files as arguments`);
  }
}
for (const file of files) {
  const raster = decodeImage(readFileSync(file), file);
  const instances = Int32Array.from(raster.data.subarray(0, raster.width * raster.height));
  report(file.split('/').pop()!.slice(0, 12), instances, raster.width, raster.height);
}
