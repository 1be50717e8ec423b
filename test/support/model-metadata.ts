// The studio.json of a model made in a test: the given network, binary labels, the default
// normalisation, trained for `step` steps; anything else can be overridden.
import type { ModelMetadata } from '../../src-main/engine/checkpoint/model-metadata';
import type { UNetConfig } from '../../src-main/engine/network/unet-config';
import { DEFAULT_NORMALISATION } from '../../src-main/engine/predict/normalise';

export function testModelMetadata(
  network: UNetConfig,
  { step = 1, ...extra }: Partial<ModelMetadata> & { step?: number } = {},
): ModelMetadata {
  return {
    format: 'unet-studio-model',
    version: 1,
    network,
    tile: 60,
    classNames:
      network.numClasses === 2
        ? ['Background', 'Foreground']
        : Array.from({ length: network.numClasses }, (_, k) => `Class ${k}`),
    labelKind: 'binary',
    normalisation: DEFAULT_NORMALISATION,
    training: { step, seed: 1, config: {}, history: [] },
    backend: 'cpu',
    savedAt: new Date().toISOString(),
    ...extra,
  };
}
