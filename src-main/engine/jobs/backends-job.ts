// The `backends` job: which engine would train here ('auto'), why each faster one is not used,
// how many threads it computes on, and what predicts (ONNX Runtime where it loads). It loads the
// backend in the compute process, where training will use it, so the answer is the real one.
import type { JobContext } from '../../compute/job-registry';
import { loadBackend } from '../backend/load-backend';
import { loadOnnxRuntime } from '../onnx/load-onnx-runtime';
import { explainSkippedBackends, nvidiaGpuPresent } from './gpu-presence';
import type { BackendsJobResult } from './job-types';

export async function backendsJob(
  _request: Record<string, never>,
  _context: JobContext<never>,
): Promise<BackendsJobResult> {
  const backend = await loadBackend('auto');
  const skipped = explainSkippedBackends(backend.skipped, nvidiaGpuPresent());
  const onnx = await loadOnnxRuntime();
  if (!onnx.ok) skipped.push({ backend: 'onnxruntime', reason: onnx.reason });
  return {
    backend: backend.name,
    skipped,
    predictionEngine: onnx.ok ? 'onnxruntime' : backend.name,
    threads: backend.threads,
  };
}
