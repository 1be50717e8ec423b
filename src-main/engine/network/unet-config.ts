import type { Padding } from './tile-geometry';

/** Everything that fixes the network's shape; saved beside every checkpoint. */
export interface UNetConfig {
  /** Number of max-pool levels (the paper: 4). */
  depth: number;
  /** Channels of the first level; doubled per level (the paper: 64). */
  filters: number;
  inputChannels: number;
  /** K >= 2 output classes (softmax over them). */
  numClasses: number;
  padding: Padding;
  /** Dropout rate at the end of the contracting path (the paper uses dropout there). */
  dropout: number;
}

export interface Preset {
  name: 'paper' | 'cpu';
  network: Omit<UNetConfig, 'inputChannels' | 'numClasses'>;
  /** Training input tile (valid size for the depth). */
  tile: number;
  description: string;
}

export const PRESETS: Record<Preset['name'], Preset> = {
  paper: {
    name: 'paper',
    network: { depth: 4, filters: 64, padding: 'valid', dropout: 0.5 },
    tile: 572,
    description: 'The paper: 64 base filters, 572 px tiles (about 31 M parameters); for a GPU.',
  },
  cpu: {
    name: 'cpu',
    // No dropout: with 16 filters the bottom has 256 channels (the paper's has 1024), and in
    // the few hundred steps a CPU affords, dropping half of them slowed learning.
    network: { depth: 4, filters: 16, padding: 'valid', dropout: 0 },
    // Measured on a 2-core machine (wasm backend, steps of one tile): output pixels learned per
    // second grow with the tile (252: 9k, 316: 21k, 380: 31k, 444: 35k, 572: 44k), while the
    // number of optimizer steps per minute falls (120, 72, 48, 31, 18). 380 keeps both high.
    // Since session 5's kernels: 120 steps on ISBI in 74 s with the CLI (augmentation included).
    tile: 380,
    description:
      '16 base filters, 380 px tiles (about 1.9 M parameters): about 100 steps a minute on a 2-core CPU.',
  },
};
