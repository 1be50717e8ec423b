// Child process of wasm-threads-process.test.ts: loads the wasm backend as the CLI and the compute
// process do, runs a convolution there and on cpu, prints one JSON line, and then simply ends, with
// no process.exit: the test checks that the backend's worker threads let the process exit.
import { loadBackend } from '../../../../src-main/engine/backend/load-backend';

const loaded = await loadBackend('wasm');
const { tf } = loaded;
const before = tf.memory().numTensors;
const x = tf.tensor4d(
  Array.from({ length: 2 * 20 * 20 * 3 }, (_, i) => Math.sin(i)),
  [2, 20, 20, 3],
);
const w = tf.tensor4d(
  Array.from({ length: 3 * 3 * 3 * 8 }, (_, i) => Math.cos(i)),
  [3, 3, 3, 8],
);
const onWasm = tf.tidy(() => tf.conv2d(x, w, 1, 'valid').dataSync() as Float32Array);
await tf.setBackend('cpu');
const x2 = tf.tensor4d(await x.data(), x.shape);
const w2 = tf.tensor4d(await w.data(), w.shape);
const onCpu = tf.tidy(() => tf.conv2d(x2, w2, 1, 'valid').dataSync() as Float32Array);
tf.dispose([x2, w2]);
await tf.setBackend('wasm');
tf.dispose([x, w]);
const maxDiff = onCpu.reduce((m, v, i) => Math.max(m, Math.abs(v - onWasm[i]!)), 0);
console.log(
  JSON.stringify({
    backend: loaded.name,
    threads: loaded.threads,
    skipped: loaded.skipped,
    maxDiff,
    leakedTensors: tf.memory().numTensors - before,
  }),
);
