// Public surface of the augmentation module; see CONTEXT.md.
export { cubicWeights, interpolateLattice } from './bicubic';
export { elasticDisplacement, type ElasticOptions } from './elastic';
export { applyGrayTransform, drawGrayTransform, type GrayOptions } from './gray';
export { labelledPixelIndex } from './labelled-index';
export { reflectIndex } from './reflect';
export { Rng } from './rng';
export { sampleTrainingTile, type TrainingImage, type TrainingTile } from './sample-tile';
export { PAPER_AUGMENTATION, type AugmentOptions } from './tile-transform';
