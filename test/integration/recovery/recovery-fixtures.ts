// Shared by the recovery tests and their child processes.
import type { UNetConfig } from '../../../src-main/engine/network/unet-config';
import { testModelMetadata } from '../../support/model-metadata';

export const TINY_UNET: UNetConfig = {
  depth: 2,
  filters: 2,
  padding: 'valid',
  dropout: 0,
  inputChannels: 1,
  numClasses: 2,
};

export const checkpointMetadata = (step: number) =>
  testModelMetadata(TINY_UNET, { tile: 44, step });

/** Masks grow with the version (up to 4 MB), so a torn write could not pass for a whole one. */
export const maskSide = (version: number): number => 256 + ((version * 97) % 1792);
