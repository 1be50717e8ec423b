// A whole U-Net-shaped graph differentiated on wasm (our kernels) and on cpu (reference):
// conv(valid) -> relu -> maxpool -> conv -> conv2dTranspose(2x2, s2) -> concat(crop) -> conv -> sum.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isOurKernel } from '../../../../src-main/engine/backend/wasm-kernels';
import {
  expectSameOnWasm,
  randomTensor,
  rng,
  useWasmWithOurKernels,
  type HostTensor,
} from '../../../unit/engine/backend/kernel-check';

type Net = Record<'x' | 'w1' | 'b1' | 'w2' | 'up' | 'w3' | 'target', tf.Tensor>;

function forward(t: Net, [x, w1, b1, w2, up, w3]: tf.Tensor[]): tf.Tensor {
  const a = tf.relu(tf.add(tf.conv2d(x as tf.Tensor4D, w1 as tf.Tensor4D, 1, 'valid'), b1!));
  const pooled = tf.maxPool(a as tf.Tensor4D, 2, 2, 'valid');
  const b = tf.relu(tf.conv2d(pooled, w2 as tf.Tensor4D, 1, 'valid'));
  const [n, h, w] = b.shape;
  const upsampled = tf.conv2dTranspose(b, up as tf.Tensor4D, [n, h * 2, w * 2, 4], 2, 'valid');
  const offset = (a.shape[1]! - h * 2) / 2;
  const skip = tf.slice(a, [0, offset, offset, 0], [n, h * 2, w * 2, a.shape[3]!]);
  const joined = tf.concat([skip, upsampled], 3);
  const out = tf.conv2d(joined as tf.Tensor4D, w3 as tf.Tensor4D, 1, 'valid');
  return tf.sum(tf.mul(out, t.target));
}

describe('gradients of a small U-Net graph on wasm equal those on cpu', () => {
  beforeAll(useWasmWithOurKernels);

  const random = rng(99);
  // 26 -> 24 (conv) -> 12 (pool) -> 10 (conv) -> 20 (up) ++ crop(24 -> 20) -> 18 (conv)
  const inputs: Record<keyof Net, HostTensor> = {
    x: randomTensor([2, 26, 26, 3], random),
    w1: randomTensor([3, 3, 3, 8], random),
    b1: randomTensor([8], random),
    w2: randomTensor([3, 3, 8, 16], random),
    up: randomTensor([2, 2, 4, 16], random),
    w3: randomTensor([3, 3, 12, 5], random),
    target: randomTensor([2, 18, 18, 5], random),
  };

  it('runs through our wasm kernels', async () => {
    await tf.setBackend('wasm');
    const profile = await tf.profile(() => {
      const t = Object.fromEntries(
        Object.entries(inputs).map(([name, v]) => [name, tf.tensor(v.data, v.shape)]),
      ) as Net;
      const grads = tf.grads((...args: tf.Tensor[]) => forward(t, args));
      const out = grads([t.x, t.w1, t.b1, t.w2, t.up, t.w3]);
      tf.dispose([...out, ...Object.values(t)]);
    });
    const used = new Set(profile.kernelNames);
    for (const name of ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad', 'Slice']) {
      expect(used.has(name), name).toBe(true);
      expect(isOurKernel(name), name).toBe(true);
    }
    for (const name of ['SplitV', 'Concat', 'Sum']) expect(used.has(name), name).toBe(true);
  });

  it('for every weight and the input', async () => {
    const names = ['x', 'w1', 'b1', 'w2', 'up', 'w3'] as const;
    await expectSameOnWasm('U-Net graph gradients', inputs, (t) => {
      const net = t as Net;
      const grads = tf.grads((...args: tf.Tensor[]) => forward(net, args));
      return grads(names.map((name) => net[name]));
    });
  });

  it('trains: Adam steps lower the loss and leave no tensor behind', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const weights = (['w1', 'b1', 'w2', 'up', 'w3'] as const).map((name) => {
      const initial = tf.tidy(() => tf.tensor(inputs[name].data, inputs[name].shape).mul(0.3));
      const variable = tf.variable(initial);
      initial.dispose();
      return variable;
    });
    const x = tf.tensor(inputs.x.data, inputs.x.shape);
    const target = tf.tensor(inputs.target.data, inputs.target.shape);
    const optimizer = tf.train.adam(0.01);
    const loss = () =>
      tf.tidy(() => {
        const out = forward({ target } as Net, [x, ...weights]);
        return tf.square(out).div(1e4) as tf.Scalar;
      });
    const losses: number[] = [];
    for (let step = 0; step < 5; step++) {
      const value = optimizer.minimize(loss, true)!;
      losses.push(value.dataSync()[0]!);
      value.dispose();
    }
    expect(losses[4]!).toBeLessThan(losses[0]!);
    optimizer.dispose();
    tf.dispose([x, target, ...weights]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
