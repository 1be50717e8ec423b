// Post-processing of predicted masks into objects: plain functions on typed arrays.
export { fillHoles } from './fill-holes';
export { objectSizes } from './object-sizes';
export { removeSmallObjects, type Instances } from './remove-small-objects';
export {
  instancesFromForeground,
  MAX_INSTANCES,
  type InstanceOptions,
} from './instances-from-foreground';
export { learnMinObjectSize, FALLBACK_MIN_OBJECT_SIZE } from './min-object-size';
