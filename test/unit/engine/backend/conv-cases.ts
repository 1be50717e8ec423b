// Convolution cases for the gradient kernels: the U-Net's own shapes (small), then random ones.
import * as tf from '@tensorflow/tfjs';
import { rng } from './kernel-check';

export type Pad = 'valid' | 'same' | number | [[0, 0], [number, number], [number, number], [0, 0]];

export interface ConvCase {
  label: string;
  xShape: [number, number, number, number];
  filterShape: [number, number, number, number];
  strides: [number, number];
  pad: Pad;
  /** dy's shape: the forward convolution's output. */
  yShape: [number, number, number, number];
}

function outShape(c: Omit<ConvCase, 'label' | 'yShape'>): ConvCase['yShape'] | null {
  try {
    const info = tf.backend_util.computeConv2DInfo(c.xShape, c.filterShape, c.strides, 1, c.pad);
    if (info.outHeight <= 0 || info.outWidth <= 0) return null;
    if (!Number.isInteger(info.outHeight) || !Number.isInteger(info.outWidth)) return null;
    return info.outShape;
  } catch {
    return null;
  }
}

function make(c: Omit<ConvCase, 'label' | 'yShape'>): ConvCase | null {
  const yShape = outShape(c);
  if (yShape == null) return null;
  const [kh, kw, ci, co] = c.filterShape;
  const label = `x ${c.xShape.join('x')} k${kh}x${kw} ${ci}->${co} s${c.strides.join(',')} ${JSON.stringify(c.pad)}`;
  return { ...c, label, yShape };
}

/** The U-Net's convolutions, scaled down: 3x3 valid, 1x1 head, 2x2 stride 2. */
export const UNET_CASES: ConvCase[] = [
  make({ xShape: [1, 20, 20, 4], filterShape: [3, 3, 4, 8], strides: [1, 1], pad: 'valid' }),
  make({ xShape: [1, 12, 12, 8], filterShape: [1, 1, 8, 2], strides: [1, 1], pad: 'valid' }),
  make({ xShape: [1, 16, 16, 4], filterShape: [2, 2, 4, 8], strides: [2, 2], pad: 'valid' }),
  make({ xShape: [2, 11, 13, 3], filterShape: [2, 2, 3, 5], strides: [2, 2], pad: 'valid' }),
  make({ xShape: [1, 9, 9, 3], filterShape: [3, 3, 3, 4], strides: [1, 1], pad: 'same' }),
].filter((c): c is ConvCase => c != null);

/** Cases that take the less common paths: several patch chunks, paddings wider than the kernel. */
export const EDGE_CASES: ConvCase[] = [
  // Padded, so the filter gradient takes the chunked im2col path: 200 output rows of 100 pixels x
  // 144 patch rows make three 1M-float patch chunks, whose boundaries fall inside an image.
  make({ xShape: [2, 100, 100, 16], filterShape: [3, 3, 16, 4], strides: [1, 1], pad: 'same' }),
  // Unpadded stride 1 (the shifted-image filter gradient). From 16 channels one matmul per tap
  // reads the channel-first image through views that run past each channel into the next one
  // and past the first image into the second; a 2x3 kernel too.
  make({ xShape: [2, 100, 100, 16], filterShape: [3, 3, 16, 4], strides: [1, 1], pad: 'valid' }),
  make({ xShape: [2, 30, 20, 96], filterShape: [3, 3, 96, 3], strides: [1, 1], pad: 'valid' }),
  make({ xShape: [2, 12, 9, 16], filterShape: [2, 3, 16, 5], strides: [1, 1], pad: 'valid' }),
  // Below 16 channels, one matmul per filter row over shifted copies, read past each copy's last
  // row into the next; a 1x3 and a 4x2 kernel.
  make({ xShape: [1, 9, 17, 5], filterShape: [1, 3, 5, 6], strides: [1, 1], pad: 'valid' }),
  make({ xShape: [2, 11, 8, 3], filterShape: [4, 2, 3, 2], strides: [1, 1], pad: 0 }),
  // Padding 3 with a 3x3 kernel: the equivalent convolution would need padding -1 (stock kernel).
  make({
    xShape: [1, 6, 7, 2],
    filterShape: [3, 3, 2, 3],
    strides: [1, 1],
    pad: [
      [0, 0],
      [3, 3],
      [3, 1],
      [0, 0],
    ],
  }),
].filter((c): c is ConvCase => c != null);

/** Random shapes, strides and paddings (seeded, so a failure reproduces). */
export function randomCases(count: number, seed: number): ConvCase[] {
  const random = rng(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const cases: ConvCase[] = [];
  while (cases.length < count) {
    const kh = pick([1, 2, 3, 5]);
    const kw = random() < 0.8 ? kh : pick([1, 2, 3]);
    const sh = pick([1, 2, 3]);
    const strides: [number, number] = [sh, random() < 0.7 ? sh : pick([1, 2, 3])];
    const padKind = pick(['valid', 'same', 'number', 'explicit'] as const);
    let pad: Pad = padKind === 'valid' || padKind === 'same' ? padKind : 0;
    if (padKind === 'number') pad = between(0, Math.min(kh, kw) - 1);
    if (padKind === 'explicit') {
      pad = [
        [0, 0],
        [between(0, kh - 1), between(0, kh - 1)],
        [between(0, kw - 1), between(0, kw - 1)],
        [0, 0],
      ];
    }
    const inChannels = between(1, 7);
    const c = make({
      xShape: [between(1, 2), between(kh, 14), between(kw, 14), inChannels],
      filterShape: [kh, kw, inChannels, between(1, 7)],
      strides,
      pad,
    });
    if (c != null) cases.push(c);
  }
  return cases;
}
