// Turns the errors of loading @tensorflow/tfjs-node(-gpu) into one plain sentence for the person
// choosing a backend. The raw errors are dlopen/require messages several lines long.

const CUDA_LIBRARY =
  /(lib(?:cudart|cublasLt|cublas|cudnn|cufft|curand|cusolver|cusparse|nvinfer)[\w.+-]*\.so[\d.]*)/;
const TENSORFLOW_LIBRARY = /(libtensorflow[\w.+-]*\.(?:so[\d.]*|dylib)|tensorflow\.dll)/;
const GLIBC = /(GLIBC(?:XX)?_[\d.]+)' not found/;

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function explainNativeLoadError(packageName: string, error: unknown): string {
  const message = messageOf(error);
  const code = codeOf(error);
  if (
    (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') &&
    message.includes(`'${packageName}'`)
  ) {
    return `${packageName} is not installed`;
  }
  const cuda = CUDA_LIBRARY.exec(message);
  if (cuda) return `CUDA 11.2 / cuDNN 8.1 not found (${cuda[1]} missing)`;
  const tensorflow = TENSORFLOW_LIBRARY.exec(message);
  if (tensorflow) {
    return `${packageName} is installed without its TensorFlow library (${tensorflow[1]} missing)`;
  }
  if (message.includes('tfjs_binding.node')) {
    // tfjs-node's own message when its install step could not download and build the addon.
    if (/specified module could not be found/i.test(message)) {
      return `${packageName} cannot load: a library it needs is missing (for the GPU package, CUDA 11.2 / cuDNN 8.1)`;
    }
    return `${packageName} is installed without its native part (its install could not download libtensorflow)`;
  }
  const glibc = GLIBC.exec(message);
  if (glibc) return `${packageName} needs a newer system C library (${glibc[1]} not found)`;
  const firstLine = message.split('\n')[0]?.trim() || 'unknown error';
  return `${packageName} failed to load: ${firstLine}`;
}
