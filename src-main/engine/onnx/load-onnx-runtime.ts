// onnxruntime-node is a normal dependency, but its native part can still fail to load (an
// install whose download failed, a platform without a prebuilt binary). It is imported lazily,
// once, so such a machine falls back to tfjs with a reason instead of crashing at start.
export type OnnxRuntime = typeof import('onnxruntime-node');

export type OnnxRuntimeLoad = { ok: true; ort: OnnxRuntime } | { ok: false; reason: string };

const PACKAGE = 'onnxruntime-node';

let loaded: Promise<OnnxRuntimeLoad> | undefined;

function explain(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(PACKAGE))
    return `${PACKAGE} is not installed`;
  // dlopen messages run over several lines; the first says what was missing.
  return `${PACKAGE} cannot load: ${message.split('\n')[0]}`;
}

async function attempt(importRuntime: () => Promise<OnnxRuntime>): Promise<OnnxRuntimeLoad> {
  try {
    const ort = await importRuntime();
    if (typeof ort.InferenceSession?.create !== 'function')
      return { ok: false, reason: `${PACKAGE} loaded without its InferenceSession` };
    return { ok: true, ort };
  } catch (error) {
    return { ok: false, reason: explain(error) };
  }
}

/**
 * The onnxruntime-node module, or why it could not load. Tests pass their own importer to act
 * out a broken install; the real one is tried once per process.
 */
export function loadOnnxRuntime(
  importRuntime?: () => Promise<OnnxRuntime>,
): Promise<OnnxRuntimeLoad> {
  if (importRuntime) return attempt(importRuntime);
  loaded ??= attempt(() => import('onnxruntime-node'));
  return loaded;
}
