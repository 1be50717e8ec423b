import { describe, expect, it } from 'vitest';
import { describeBackend } from '../../../../src-renderer/src/lib/training-words';

describe('describeBackend', () => {
  it('says which backend trains and, first, why the GPU is not used', () => {
    const words = describeBackend(
      {
        backend: 'wasm',
        threads: 4,
        predictionEngine: 'onnxruntime',
        skipped: [
          { backend: 'tensorflow-gpu', reason: '@tensorflow/tfjs-node-gpu is not installed' },
          { backend: 'tensorflow', reason: 'tensorflow failed to load: bad ELF' },
        ],
      },
      'auto',
    );
    expect(words).toEqual({
      runs: 'Training runs on WebAssembly on the CPU (4 threads).',
      noGpu: 'GPU not used: @tensorflow/tfjs-node-gpu is not installed.',
      skipped: ['TensorFlow on the CPU not used: Tensorflow failed to load: bad ELF.'],
      prediction: 'Prediction runs on ONNX Runtime on the CPU.',
    });
  });

  it('says nothing about the GPU when it trains', () => {
    const words = describeBackend(
      { backend: 'tensorflow-gpu', threads: 8, predictionEngine: 'tensorflow-gpu', skipped: [] },
      'auto',
    );
    expect(words.runs).toBe('Training runs on TensorFlow on the GPU.');
    expect(words.noGpu).toBeNull();
  });

  it('names the person’s own choice when no GPU was tried', () => {
    const words = describeBackend({ backend: 'cpu', predictionEngine: 'cpu', skipped: [] }, 'cpu');
    expect(words.runs).toBe('Training runs on plain JavaScript on the CPU (slowest).');
    expect(words.noGpu).toBe('GPU not used: you chose cpu; "auto" tries the GPU first.');
  });
});
