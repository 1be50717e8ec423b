// A throwaway U-Net (valid 3x3 convolutions, 2x2 max-pool, 2x2 stride-2 up-convolution, cropped
// skip concatenation, 1x1 head) from plain tf ops, for bench-kernels.ts only. It runs the same
// kernels as the studio's layers-based network: tfjs-layers' fused conv+bias+relu falls back to
// Conv2D + Add + Relu while gradients are recorded.
import type * as tfjs from '@tensorflow/tfjs';

type Tf = typeof tfjs;

interface Conv {
  w: tfjs.Variable;
  b: tfjs.Variable;
}

export interface BenchUNet {
  variables: tfjs.Variable[];
  forward(x: tfjs.Tensor4D): tfjs.Tensor4D;
  dispose(): void;
}

/** Feature-map sizes of a valid-padding U-Net: the bottom level's input and the last up-conv's. */
export function unetSizes(tile: number, depth: number) {
  let size = tile;
  for (let level = 0; level < depth; level++) size = (size - 4) / 2;
  const bottomInput = size;
  size -= 4;
  for (let level = 1; level < depth; level++) size = size * 2 - 4;
  const lastUpInput = size;
  return { bottomInput, lastUpInput, output: size * 2 - 4 };
}

export function buildBenchUNet(tf: Tf, filters: number, depth: number, classes = 2): BenchUNet {
  const variables: tfjs.Variable[] = [];
  let seed = 1;
  const param = (shape: number[], fanIn: number | null) => {
    const v = tf.tidy(() =>
      tf.variable(
        fanIn == null
          ? tf.zeros(shape)
          : tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', seed++),
      ),
    );
    variables.push(v);
    return v;
  };
  // Filters are [kh, kw, in, out]; a transposed convolution's are [kh, kw, out, in].
  const conv = (k: number, inCh: number, outCh: number): Conv => ({
    w: param([k, k, inCh, outCh], k * k * inCh),
    b: param([outCh], null),
  });
  const up = (inCh: number, outCh: number): Conv => ({
    w: param([2, 2, outCh, inCh], 4 * inCh),
    b: param([outCh], null),
  });

  const down: [Conv, Conv][] = [];
  let channels = 1;
  for (let level = 0; level <= depth; level++) {
    const out = filters << level;
    down.push([conv(3, channels, out), conv(3, out, out)]);
    channels = out;
  }
  const ups: { up: Conv; convs: [Conv, Conv] }[] = [];
  for (let level = depth - 1; level >= 0; level--) {
    const out = filters << level;
    ups.push({ up: up(channels, out), convs: [conv(3, 2 * out, out), conv(3, out, out)] });
    channels = out;
  }
  const head = conv(1, channels, classes);

  const convRelu = (x: tfjs.Tensor4D, c: Conv) =>
    tf.relu(tf.add(tf.conv2d(x, c.w as tfjs.Tensor4D, 1, 'valid'), c.b)) as tfjs.Tensor4D;

  return {
    variables,
    forward(x) {
      const skips: tfjs.Tensor4D[] = [];
      let h = x;
      for (let level = 0; level <= depth; level++) {
        h = convRelu(convRelu(h, down[level]![0]), down[level]![1]);
        if (level < depth) {
          skips.push(h);
          h = tf.maxPool(h, 2, 2, 'valid');
        }
      }
      ups.forEach(({ up: u, convs }, i) => {
        const [n, height, width] = h.shape;
        const outCh = u.w.shape[2]!;
        const shape: [number, number, number, number] = [n, height * 2, width * 2, outCh];
        h = tf.add(tf.conv2dTranspose(h, u.w as tfjs.Tensor4D, shape, 2, 'valid'), u.b);
        const skip = skips[depth - 1 - i]!;
        const crop = (skip.shape[1] - h.shape[1]) / 2;
        const cropped = tf.slice(skip, [0, crop, crop, 0], [n, h.shape[1], h.shape[2], -1]);
        h = tf.concat([cropped, h], 3);
        h = convRelu(convRelu(h, convs[0]), convs[1]);
      });
      return tf.add(tf.conv2d(h, head.w as tfjs.Tensor4D, 1, 'valid'), head.b);
    },
    dispose() {
      tf.dispose(variables);
    },
  };
}
