/** The tfjs namespace in use: @tensorflow/tfjs, or the one tfjs-node re-exports. */
export type Tf = typeof import('@tensorflow/tfjs');
export type Tensor = import('@tensorflow/tfjs').Tensor;
export type LayersModel = import('@tensorflow/tfjs').LayersModel;
export type SymbolicTensor = import('@tensorflow/tfjs').SymbolicTensor;
