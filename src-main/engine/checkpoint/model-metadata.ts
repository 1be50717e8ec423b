import type { UNetConfig } from '../network/unet-config';
import type { Normalisation } from '../predict/normalise';

/**
 * 'painted': the studio's own label maps, exported from a project (values = project class
 * indices, 0 = unpainted and ignored).
 */
export type LabelKind = 'binary' | 'classes' | 'instances' | 'painted';

/** A class of the project a model was trained in: network class c is project class index c + 1. */
export interface ProjectClass {
  index: number;
  name: string;
  colour: string;
}

/** Written beside every checkpoint as studio.json: all a later prediction needs to know. */
export interface ModelMetadata {
  format: 'unet-studio-model';
  version: 1;
  network: UNetConfig;
  /** Input tile the saved model.json was built for (the weights fit any valid size). */
  tile: number;
  classNames: string[];
  labelKind: LabelKind;
  /** Models trained from painted labels: the project's classes, so predictions map back. */
  classes?: ProjectClass[];
  normalisation: Normalisation;
  /** Post-processing default learned from the labelled objects (instances only). */
  minObjectSize?: number;
  training: {
    step: number;
    seed: number;
    config: unknown;
    history: unknown[];
    bestValidationLoss?: number;
  };
  backend: string;
  savedAt: string;
}
