// Benchmark (not a test): per-kernel times on the wasm backend for the shapes of a 572-px U-Net
// tile with 16 base filters, with the stock kernels and with ours, then whole training steps.
//
//   npx tsx src-main/engine/backend/bench-kernels.ts [--filters 16] [--tile 572] [--depth 4]
//     [--steps 3] [--no-stock]
//
// STUDIO_WASM_THREADS=1 measures the single-threaded build (default: one thread per core).
//
// Times are the best of a few runs: other processes on a 2-core machine add noise, never speed.
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { buildBenchUNet, unetSizes } from './bench-unet';
import { loadBackend } from './load-backend';
import {
  isOurKernel,
  registerWasmTrainingKernels,
  unregisterWasmTrainingKernels,
  WASM_TRAINING_KERNELS,
} from './wasm-kernels';
import { asWasmBackend } from './wasm-kernels/wasm-internals';

interface Options {
  filters: number;
  tile: number;
  depth: number;
  steps: number;
  stock: boolean;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string, fallback: number) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? Number(argv[at + 1]) : fallback;
  };
  return {
    filters: value('filters', 16),
    tile: value('tile', 572),
    depth: value('depth', 4),
    steps: value('steps', 3),
    stock: !argv.includes('--no-stock'),
  };
}

type Shape4 = [number, number, number, number];

interface KernelCase {
  label: string;
  kernel: string;
  inputs: Record<string, number[]>;
  attrs: Record<string, unknown>;
}

/** The heavy kernels of one training step, at U-Net shapes (level 0, the widest). */
function kernelCases(f: number, tile: number, depth: number): KernelCase[] {
  const { bottomInput, lastUpInput: upIn } = unetSizes(tile, depth);
  const h1 = tile - 2; // after the first 3x3 valid convolution
  const h2 = tile - 4;
  const pooled = h2 / 2;
  const valid = { strides: 1, pad: 'valid', dataFormat: 'NHWC' };
  const conv = (x: Shape4, w: Shape4): KernelCase[] => {
    const y: Shape4 = [1, x[1] - w[0] + 1, x[2] - w[1] + 1, w[3]];
    const name = `${x[1]}x${x[2]}x${w[2]} -> ${w[3]}, ${w[0]}x${w[1]}`;
    return [
      {
        label: `conv ${name}`,
        kernel: 'Conv2D',
        inputs: { x, filter: w },
        attrs: { ...valid, dilations: 1 },
      },
      {
        label: `dW ${name}`,
        kernel: 'Conv2DBackpropFilter',
        inputs: { x, dy: y },
        attrs: { ...valid, filterShape: w },
      },
      {
        label: `dx ${name}`,
        kernel: 'Conv2DBackpropInput',
        inputs: { dy: y, filter: w },
        attrs: { ...valid, inputShape: x },
      },
    ];
  };
  // The last up-convolution: 2f channels -> f channels at twice the size.
  const upX: Shape4 = [1, 2 * upIn, 2 * upIn, f];
  const upW: Shape4 = [2, 2, f, 2 * f];
  const upDy: Shape4 = [1, upIn, upIn, 2 * f];
  const stride2 = { strides: 2, pad: 'valid', dataFormat: 'NHWC' };
  const cropTo = 2 * upIn;
  const crop = (h2 - cropTo) / 2;
  return [
    ...conv([1, tile, tile, 1], [3, 3, 1, f]),
    ...conv([1, h1, h1, f], [3, 3, f, f]),
    ...conv([1, cropTo, cropTo, 2 * f], [3, 3, 2 * f, f]),
    ...conv([1, bottomInput - 2, bottomInput - 2, f << depth], [3, 3, f << depth, f << depth]),
    {
      label: `up-conv ${upIn}x${upIn}x${2 * f} -> ${2 * upIn}x${2 * upIn}x${f}`,
      kernel: 'Conv2DBackpropInput',
      inputs: { dy: upDy, filter: upW },
      attrs: { ...stride2, inputShape: upX },
    },
    {
      label: `up-conv dW`,
      kernel: 'Conv2DBackpropFilter',
      inputs: { x: upX, dy: upDy },
      attrs: { ...stride2, filterShape: upW },
    },
    {
      label: `maxPool grad ${h2}x${h2}x${f}`,
      kernel: 'MaxPoolGrad',
      inputs: { dy: [1, pooled, pooled, f], input: [1, h2, h2, f], output: [1, pooled, pooled, f] },
      attrs: { filterSize: 2, strides: 2, pad: 'valid' },
    },
    {
      label: `bias grad ${h2}x${h2}x${f}`,
      kernel: 'Sum',
      inputs: { x: [1, h2, h2, f] },
      attrs: { axis: [0, 1, 2], keepDims: false },
    },
    {
      label: `crop ${h2} -> ${cropTo}, ${f} ch`,
      kernel: 'Slice',
      inputs: { x: [1, h2, h2, f] },
      attrs: { begin: [0, crop, crop, 0], size: [1, cropTo, cropTo, f] },
    },
    {
      label: `split ${cropTo}x${cropTo}x${2 * f}`,
      kernel: 'SplitV',
      inputs: { x: [1, cropTo, cropTo, 2 * f] },
      attrs: { numOrSizeSplits: [f, f], axis: 3 },
    },
    {
      label: `clone ${h2}x${h2}x${f}`,
      kernel: 'Identity',
      inputs: { x: [1, h2, h2, f] },
      attrs: {},
    },
  ];
}

function bestMs(run: () => void, repeats: number): number {
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

function timeKernel(c: KernelCase, repeats: number): number | null {
  if (tf.getKernel(c.kernel, 'wasm') == null) return null;
  const inputs = Object.fromEntries(
    Object.entries(c.inputs).map(([name, shape]) => [name, tf.randomUniform(shape, -1, 1)]),
  );
  const once = () =>
    tf.dispose(tf.engine().runKernel(c.kernel, inputs, c.attrs as tf.NamedAttrMap));
  once(); // first call: XNNPACK operator creation, heap growth
  const ms = bestMs(once, repeats);
  tf.dispose(Object.values(inputs));
  return ms;
}

function concatMs(f: number, size: number, repeats: number): number {
  const a = tf.randomUniform([1, size, size, f]);
  const b = tf.randomUniform([1, size, size, f]);
  const ms = bestMs(() => tf.concat([a, b], 3).dispose(), repeats);
  tf.dispose([a, b]);
  return ms;
}

function trainingSteps(o: Options): number[] {
  const net = buildBenchUNet(tf, o.filters, o.depth);
  const out = unetSizes(o.tile, o.depth).output;
  const x = tf.randomUniform([1, o.tile, o.tile, 1]) as tf.Tensor4D;
  const labels = tf.tidy(() => tf.oneHot(tf.randomUniform([1, out, out], 0, 2, 'int32'), 2));
  const optimizer = tf.train.adam(1e-3);
  const loss = () => tf.losses.softmaxCrossEntropy(labels, net.forward(x)) as tf.Scalar;
  const times: number[] = [];
  for (let step = 0; step <= o.steps; step++) {
    const start = performance.now();
    tf.dispose(optimizer.minimize(loss, true) ?? []);
    if (step > 0) times.push(performance.now() - start); // step 0 warms up
  }
  optimizer.dispose();
  net.dispose();
  tf.dispose([x, labels]);
  return times;
}

/** One prediction: the forward pass of one tile and its class probabilities, read back. */
function predictionMs(o: Options, repeats: number): number {
  const net = buildBenchUNet(tf, o.filters, o.depth);
  const x = tf.randomUniform([1, o.tile, o.tile, 1]) as tf.Tensor4D;
  const predict = () => void tf.tidy(() => tf.softmax(net.forward(x)).dataSync());
  predict(); // first call: XNNPACK operator creation, heap growth
  const ms = bestMs(predict, repeats);
  net.dispose();
  x.dispose();
  return ms;
}

async function profileStep(o: Options): Promise<[string, number][]> {
  const net = buildBenchUNet(tf, o.filters, o.depth);
  const out = unetSizes(o.tile, o.depth).output;
  const x = tf.randomUniform([1, o.tile, o.tile, 1]) as tf.Tensor4D;
  const labels = tf.tidy(() => tf.oneHot(tf.randomUniform([1, out, out], 0, 2, 'int32'), 2));
  const optimizer = tf.train.adam(1e-3);
  const loss = () => tf.losses.softmaxCrossEntropy(labels, net.forward(x)) as tf.Scalar;
  tf.dispose(optimizer.minimize(loss, true) ?? []);
  const info = await tf.profile(() => tf.dispose(optimizer.minimize(loss, true) ?? []));
  const byKernel = new Map<string, number>();
  for (const k of info.kernels) {
    byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + (k.kernelTimeMs as number));
  }
  optimizer.dispose();
  net.dispose();
  tf.dispose([x, labels]);
  return [...byKernel.entries()].sort((a, b) => b[1] - a[1]);
}

const fmt = (ms: number | null) => (ms == null ? 'missing' : `${ms.toFixed(1)} ms`);

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const loaded = await loadBackend('wasm');
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const skipped = loaded.skipped.map((s) => `; not used: ${s.backend}: ${s.reason}`).join('');
  console.log(
    `wasm backend, SIMD ${simd ? 'on' : 'off'}, ${getThreadsCount()} thread(s)${skipped}`,
  );
  console.log(`U-Net: ${o.filters} filters, depth ${o.depth}, ${o.tile}-px tile\n`);

  const cases = kernelCases(o.filters, o.tile, o.depth);
  const stock = new Map<string, number | null>();
  if (o.stock) {
    unregisterWasmTrainingKernels();
    for (const c of cases) stock.set(c.label, timeKernel(c, 1));
    stock.set('concat', concatMs(o.filters, 2 * unetSizes(o.tile, o.depth).lastUpInput, 3));
    // Training needs a filter gradient, which stock wasm lacks: add only ours for this run.
    registerWasmTrainingKernels(['Conv2DBackpropFilter']);
    const [stockStep] = trainingSteps({ ...o, steps: 1 });
    console.log(
      `training step, stock kernels + our filter gradient: ${stockStep!.toFixed(0)} ms\n`,
    );
    registerWasmTrainingKernels();
  }
  console.log('kernel'.padEnd(44), 'stock'.padStart(10), 'ours'.padStart(10));
  for (const c of cases) {
    const ours = timeKernel(c, 3);
    const before = o.stock ? fmt(stock.get(c.label) ?? null) : '-';
    console.log(c.label.padEnd(44), before.padStart(10), fmt(ours).padStart(10));
  }
  const concatBefore = o.stock ? fmt(stock.get('concat') ?? null) : '-';
  const concatSize = 2 * unetSizes(o.tile, o.depth).lastUpInput;
  const concatOurs = fmt(concatMs(o.filters, concatSize, 3));
  console.log(
    `concat 2 x ${concatSize}x${concatSize}x${o.filters}`.padEnd(44),
    concatBefore.padStart(10),
    concatOurs.padStart(10),
  );
  console.log(`\nour kernels: ${WASM_TRAINING_KERNELS.filter(isOurKernel).join(', ')}`);

  const times = trainingSteps(o);
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  console.log(
    `\ntraining step (batch 1, Adam): ${times.map((t) => t.toFixed(0)).join(', ')} ms; median ${median.toFixed(0)} ms`,
  );
  console.log(`prediction (one tile, forward + softmax): ${predictionMs(o, 3).toFixed(0)} ms`);
  console.log('one profiled step, kernel time by kernel:');
  for (const [name, ms] of (await profileStep(o)).slice(0, 14)) {
    console.log(`  ${name.padEnd(26)} ${ms.toFixed(1).padStart(8)} ms`);
  }
  const heapMb = asWasmBackend(tf.backend()).wasm.HEAPF32.byteLength / 2 ** 20;
  console.log(`tensors left: ${loaded.tf.memory().numTensors}; wasm heap ${heapMb.toFixed(0)} MB`);
}

await main();
