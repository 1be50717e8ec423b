import type { UNetConfig } from '../network/unet-config';
import type { Normalisation } from '../predict/normalise';

export type LabelKind = 'binary' | 'classes' | 'instances';

/** Written beside every checkpoint as studio.json: all a later prediction needs to know. */
export interface ModelMetadata {
  format: 'unet-studio-model';
  version: 1;
  network: UNetConfig;
  /** Input tile the saved model.json was built for (the weights fit any valid size). */
  tile: number;
  classNames: string[];
  labelKind: LabelKind;
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
