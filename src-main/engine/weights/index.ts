// Public surface of the weight-map module; see CONTEXT.md.
export { classBalanceWeights } from './class-balance';
export { distanceTransform } from './distance-transform';
export {
  binaryLabelsFromInstances,
  instancesFromMask,
  instancesOfNonBackground,
  separateTouchingInstances,
  type SeparationGap,
} from './instances';
export { borderCutoff, nearestTwoInstanceDistances } from './nearest-instances';
export { computeWeightMap, type WeightMapOptions } from './weight-map';
