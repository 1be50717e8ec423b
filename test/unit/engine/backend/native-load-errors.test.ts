import { describe, expect, it } from 'vitest';
import { explainNativeLoadError } from '../../../../src-main/engine/backend/native-load-errors';

const GPU = '@tensorflow/tfjs-node-gpu';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('plain reasons for a native TensorFlow package that does not load', () => {
  it('says a package is not installed (require and import wording)', () => {
    const cjs = withCode(
      `Cannot find module '${GPU}'\nRequire stack:\n- /app/x.js`,
      'MODULE_NOT_FOUND',
    );
    const esm = withCode(
      `Cannot find package '${GPU}' imported from /app/x.js`,
      'ERR_MODULE_NOT_FOUND',
    );
    expect(explainNativeLoadError(GPU, cjs)).toBe(`${GPU} is not installed`);
    expect(explainNativeLoadError(GPU, esm)).toBe(`${GPU} is not installed`);
  });

  it('does not call a missing dependency of the package "not installed"', () => {
    const error = withCode("Cannot find module 'node-pre-gyp'", 'MODULE_NOT_FOUND');
    expect(explainNativeLoadError(GPU, error)).toBe(
      `${GPU} failed to load: Cannot find module 'node-pre-gyp'`,
    );
  });

  it('names the CUDA library that is missing', () => {
    const error = new Error(
      'libcudart.so.11.0: cannot open shared object file: No such file or directory',
    );
    expect(explainNativeLoadError(GPU, error)).toBe(
      'CUDA 11.2 / cuDNN 8.1 not found (libcudart.so.11.0 missing)',
    );
    const cudnn = new Error('Could not load dynamic library libcudnn.so.8; dlerror: not found');
    expect(explainNativeLoadError(GPU, cudnn)).toBe(
      'CUDA 11.2 / cuDNN 8.1 not found (libcudnn.so.8 missing)',
    );
  });

  it('explains a package installed without libtensorflow', () => {
    const lib = new Error('libtensorflow.so.2: cannot open shared object file');
    expect(explainNativeLoadError('@tensorflow/tfjs-node', lib)).toBe(
      '@tensorflow/tfjs-node is installed without its TensorFlow library (libtensorflow.so.2 missing)',
    );
    const addon = new Error(
      'The Node.js native addon module (tfjs_binding.node) can not be found at path: /x',
    );
    expect(explainNativeLoadError('@tensorflow/tfjs-node', addon)).toMatch(
      /installed without its native part/,
    );
  });

  it('explains an old system C library', () => {
    const error = new Error("/lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.29' not found");
    expect(explainNativeLoadError(GPU, error)).toBe(
      `${GPU} needs a newer system C library (GLIBC_2.29 not found)`,
    );
  });

  it('falls back to the first line of anything else, and copes with non-errors', () => {
    expect(explainNativeLoadError(GPU, new Error('boom\n  at x'))).toBe(
      `${GPU} failed to load: boom`,
    );
    expect(explainNativeLoadError(GPU, 'weird')).toBe(`${GPU} failed to load: weird`);
  });
});
