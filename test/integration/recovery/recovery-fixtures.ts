// Shared by the recovery tests and their child processes.
import type { ModelMetadata } from '../../../src-main/engine/checkpoint/model-metadata';
import type { UNetConfig } from '../../../src-main/engine/network/unet-config';
import { DEFAULT_NORMALISATION } from '../../../src-main/engine/predict/normalise';

export const TINY_UNET: UNetConfig = {
  depth: 2,
  filters: 2,
  padding: 'valid',
  dropout: 0,
  inputChannels: 1,
  numClasses: 2,
};

export const checkpointMetadata = (step: number): ModelMetadata => ({
  format: 'unet-studio-model',
  version: 1,
  network: TINY_UNET,
  tile: 44,
  classNames: ['Background', 'Foreground'],
  labelKind: 'binary',
  normalisation: DEFAULT_NORMALISATION,
  training: { step, seed: 1, config: {}, history: [] },
  backend: 'cpu',
  savedAt: new Date().toISOString(),
});

/** Masks grow with the version (up to 4 MB), so a torn write could not pass for a whole one. */
export const maskSide = (version: number): number => 256 + ((version * 97) % 1792);
