// What the Train panel says about the engine: which backend trains, and in plain words why a
// better one (above all the GPU) is not used. The reasons themselves come from main, already
// written for people; this only names the backends and picks the sentence that matters.
import type { BackendChoice, BackendReport } from '../../../src-preload/contract';

const BACKEND_NAMES: Record<string, string> = {
  'tensorflow-gpu': 'TensorFlow on the GPU',
  tensorflow: 'TensorFlow on the CPU',
  wasm: 'WebAssembly on the CPU',
  cpu: 'plain JavaScript on the CPU (slowest)',
  onnxruntime: 'ONNX Runtime on the CPU',
};

export function backendName(backend: string): string {
  return BACKEND_NAMES[backend] ?? backend;
}

export interface BackendDescription {
  /** "Training runs on WebAssembly on the CPU (4 threads)." */
  runs: string;
  /** Why the GPU is not used; null when it is. */
  noGpu: string | null;
  /** Other backends that were tried and skipped, one sentence each. */
  skipped: string[];
  prediction: string;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

export function describeBackend(report: BackendReport, choice: BackendChoice): BackendDescription {
  const threads =
    report.threads && report.backend !== 'tensorflow-gpu' ? ` (${report.threads} threads)` : '';
  const runs = `Training runs on ${backendName(report.backend)}${threads}.`;
  const gpuSkip = report.skipped.find((entry) => entry.backend === 'tensorflow-gpu');
  let noGpu: string | null = null;
  if (report.backend !== 'tensorflow-gpu') {
    if (gpuSkip) noGpu = `GPU not used: ${sentence(gpuSkip.reason)}`;
    else if (choice !== 'auto')
      noGpu = `GPU not used: you chose ${choice}; "auto" tries the GPU first.`;
    else noGpu = 'GPU not used: the studio found none it can use.';
  }
  const skipped = report.skipped
    .filter((entry) => entry !== gpuSkip)
    .map((entry) => `${backendName(entry.backend)} not used: ${sentence(entry.reason)}`);
  return {
    runs,
    noGpu,
    skipped,
    prediction: `Prediction runs on ${backendName(report.predictionEngine)}.`,
  };
}
