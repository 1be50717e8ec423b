// Prediction with ONNX Runtime: one session over the exported U-Net serves every valid tile
// size (the graph's height and width are symbolic). Tiles arrive and leave NHWC, as in the rest
// of the engine; the graph is NCHW, so each side is transposed here in plain loops.
import { availableParallelism } from 'node:os';
import type { InferenceSession } from 'onnxruntime-node';
import { DIHEDRAL_COUNT } from '../predict/dihedral';
import type { TileRunner } from '../predict/overlap-tile';
import { applyDihedral, invertDihedral } from './dihedral-pixels';
import { ONNX_INPUT, ONNX_OUTPUT } from './export-unet';
import { loadOnnxRuntime } from './load-onnx-runtime';

type ExecutionProvider = InferenceSession.ExecutionProviderConfig;

export interface OnnxTileRunnerOptions {
  /** Threads for one operator (default: every core this process may use). */
  threads?: number;
}

export interface OnnxTileRunner {
  /** The execution providers the session was created with, best first. */
  executionProviders: string[];
  /** One NHWC tile [1, T, T, C] -> NHWC probabilities [T', T', K]. */
  predictTile(tile: Float32Array, inputSize: number): Promise<Float32Array>;
  /** The overlap-tile loop's view of this session at one tile size. */
  atTileSize(inputSize: number): TileRunner;
  release(): Promise<void>;
}

/**
 * Accelerators onnxruntime-node ships for each platform, with the CPU last. On Linux its CUDA
 * provider needs a separate download at install time, so the CPU is the only safe choice.
 */
export function preferredExecutionProviders(platform = process.platform): string[] {
  if (platform === 'win32') return ['dml', 'cpu'];
  if (platform === 'darwin') return ['coreml', 'cpu'];
  return ['cpu'];
}

export function nhwcToNchw(data: Float32Array, side: number, channels: number): Float32Array {
  const out = new Float32Array(data.length);
  const plane = side * side;
  for (let p = 0; p < plane; p++)
    for (let c = 0; c < channels; c++) out[c * plane + p] = data[p * channels + c]!;
  return out;
}

export function nchwToNhwc(data: Float32Array, side: number, channels: number): Float32Array {
  const out = new Float32Array(data.length);
  const plane = side * side;
  for (let c = 0; c < channels; c++)
    for (let p = 0; p < plane; p++) out[p * channels + c] = data[c * plane + p]!;
  return out;
}

export async function createOnnxTileRunner(
  model: Uint8Array | string,
  options: OnnxTileRunnerOptions = {},
): Promise<OnnxTileRunner> {
  const runtime = await loadOnnxRuntime();
  if (!runtime.ok) throw new Error(runtime.reason);
  const { ort } = runtime;
  const open = (executionProviders: string[]) => {
    const sessionOptions: InferenceSession.SessionOptions = {
      intraOpNumThreads: options.threads ?? availableParallelism(),
      graphOptimizationLevel: 'all',
      executionProviders: executionProviders as ExecutionProvider[],
    };
    // The overloads differ only in the model's form.
    return typeof model === 'string'
      ? ort.InferenceSession.create(model, sessionOptions)
      : ort.InferenceSession.create(model, sessionOptions);
  };
  let executionProviders = preferredExecutionProviders();
  let session: InferenceSession;
  try {
    session = await open(executionProviders);
  } catch (error) {
    // An accelerator that cannot start (no DirectML device, an old macOS) leaves the CPU.
    if (executionProviders.length === 1) throw error;
    executionProviders = ['cpu'];
    session = await open(executionProviders);
  }

  const predict = async (tile: Float32Array, inputSize: number) => {
    const channels = tile.length / (inputSize * inputSize);
    if (!Number.isInteger(channels))
      throw new Error(`A tile of ${tile.length} values is not ${inputSize} px square.`);
    const input = new ort.Tensor('float32', nhwcToNchw(tile, inputSize, channels), [
      1,
      channels,
      inputSize,
      inputSize,
    ]);
    const outputs = await session.run({ [ONNX_INPUT]: input });
    const output = outputs[ONNX_OUTPUT]!;
    const [, classes, side] = output.dims as number[];
    const probabilities = nchwToNhwc(output.data as Float32Array, side!, classes!);
    return { probabilities, side: side!, classes: classes! };
  };

  return {
    executionProviders,
    predictTile: async (tile, inputSize) => (await predict(tile, inputSize)).probabilities,
    atTileSize(inputSize) {
      return {
        inputSize,
        async run(tile, testTimeAugmentation) {
          if (!testTimeAugmentation) return (await predict(tile, inputSize)).probabilities;
          const channels = tile.length / (inputSize * inputSize);
          let sum: Float32Array | undefined;
          for (let k = 0; k < DIHEDRAL_COUNT; k++) {
            const transformed = applyDihedral(tile, inputSize, channels, k);
            const { probabilities, side, classes } = await predict(transformed, inputSize);
            // A valid tile's output is square too, so the same transform undoes on it.
            const back = invertDihedral(probabilities, side, classes, k);
            if (!sum) sum = back;
            else for (let i = 0; i < sum.length; i++) sum[i] = sum[i]! + back[i]!;
          }
          return sum!.map((value) => value / DIHEDRAL_COUNT);
        },
      };
    },
    release: () => session.release(),
  };
}
