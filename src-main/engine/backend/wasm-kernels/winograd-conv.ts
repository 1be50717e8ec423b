// A 3x3 stride-1 convolution by Winograd's minimal filtering F(2x2, 3x3) (Lavin and Gray, 2016):
// each 2x2 block of outputs takes 16 multiplies per channel pair instead of 36, so the matmuls
// do 2.25x fewer operations than XNNPACK's direct convolution. The transforms are additions done
// by the SIMD glue (`winograd_input`, `winograd_output`); the 16 products are [tiles, C] x [C, O]
// matmuls on XNNPACK. Worth it where channels are many and pixels few (the U-Net's deep levels):
// there the transforms are cheap next to the matmuls. Rounding differs from the direct
// convolution's: in the tests the largest difference from the cpu backend is about 2e-5 for
// outputs of size 30 (direct: about 5e-6); the 20-step training loss curve agrees to 1.4e-6.
//
//   V = B^T d B (4x4 input windows, stride 2), U = G g G^T (3x3 filters), M = V (.) U summed over
//   input channels (16 matmuls), Y = A^T M A (2x2 outputs).
import type { backend_util, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import type { SimdGlue } from './simd-glue';
import {
  allocate,
  disposeAll,
  floatOffset,
  heapF32,
  releaseView,
  runSingle,
  stockKernel,
  viewAt,
  withTemporaries,
  type WasmBackend,
} from './wasm-internals';

type ConvInfo = ReturnType<typeof backend_util.computeConv2DInfo>;

/**
 * Where Winograd beats XNNPACK's direct convolution (2 threads, fresh filters as in training;
 * 572-px U-Net shapes): from 64 input channels always (104x104x128 -> 64: 17 against 39 ms;
 * 56x56x256 -> 128: 28 against 46), from 32 when there are at least 32 outputs (282x282x32 -> 32:
 * 23 against 27; 140x140x32 -> 64: 10 against 12), but not with 16 channels on either side
 * (392x392x32 -> 16: 31 against 29; 570x570x16 -> 16: 40 against 37; 390x390x16 -> 32 with the
 * input gradient's padding: 29 against 29). The transforms run on one thread and move 4x the
 * input and output through memory; the matmuls have K = C.
 */
export function winogradPays(inChannels: number, outChannels: number): boolean {
  return inChannels >= 64 || (inChannels >= 32 && outChannels >= 32);
}

/** A 3x3, stride-1, undilated NHWC convolution with even output sizes and channels by 4. */
export function suitsWinograd(info: ConvInfo): boolean {
  return (
    info.filterHeight === 3 &&
    info.filterWidth === 3 &&
    info.strideHeight === 1 &&
    info.strideWidth === 1 &&
    info.dilationHeight === 1 &&
    info.dilationWidth === 1 &&
    winogradPays(info.inChannels, info.outChannels) &&
    info.inChannels % 4 === 0 &&
    info.outChannels % 4 === 0 &&
    info.outHeight > 0 &&
    info.outWidth > 0 &&
    info.outHeight % 2 === 0 &&
    info.outWidth % 2 === 0
  );
}

/** U = G g G^T for every (c, o): filter [3, 3, C, O] -> 16 matrices [C, O], as one [16*C*O]. */
function transformFilter(heap: Float32Array, from: number, to: number, c: number, o: number) {
  const pairs = c * o;
  const g = new Float32Array(9);
  // G g, four rows of three.
  const gG = new Float32Array(12);
  for (let p = 0; p < pairs; p++) {
    for (let k = 0; k < 9; k++) g[k] = heap[from + k * pairs + p]!;
    // Rows of G g: [g0; (g0 + g1 + g2) / 2; (g0 - g1 + g2) / 2; g2] for each column.
    for (let col = 0; col < 3; col++) {
      const a = g[col]!;
      const b = g[3 + col]!;
      const d = g[6 + col]!;
      gG[col] = a;
      gG[3 + col] = (a + b + d) / 2;
      gG[6 + col] = (a - b + d) / 2;
      gG[9 + col] = d;
    }
    // (G g) G^T: each row r of G g -> [t0, (t0 + t1 + t2) / 2, (t0 - t1 + t2) / 2, t2].
    for (let r = 0; r < 4; r++) {
      const t0 = gG[3 * r]!;
      const t1 = gG[3 * r + 1]!;
      const t2 = gG[3 * r + 2]!;
      heap[to + 4 * r * pairs + p] = t0;
      heap[to + (4 * r + 1) * pairs + p] = (t0 + t1 + t2) / 2;
      heap[to + (4 * r + 2) * pairs + p] = (t0 - t1 + t2) / 2;
      heap[to + (4 * r + 3) * pairs + p] = t2;
    }
  }
}

/**
 * y = conv(x, filter) for `suitsWinograd` geometries with the padding already applied to x
 * (x [N, OH + 2, OW + 2, C]). The caller owns the result.
 */
/**
 * Floats of transformed input (16 x tiles x C) or products (16 x tiles x O) per chunk of tile
 * rows: 16 MB each, so a wide network's large layers (64 filters at 424 x 424: 184 MB each in
 * one go) stay inside the training memory estimate, and a chunk's data stays in cache.
 */
const CHUNK_FLOATS = 1 << 22;

/** The 16 products of one chunk: [chunkTiles, O] each, freed by the caller. */
function products(
  backend: WasmBackend,
  v: TensorInfo,
  filters: TensorInfo[],
  chunkTiles: number,
  c: number,
): TensorInfo[] {
  const matMul = stockKernel('BatchMatMul');
  const plain: NamedAttrMap = { transposeA: false, transposeB: false };
  const out: TensorInfo[] = [];
  try {
    filters.forEach((b, xi) => {
      const a = viewAt(backend, floatOffset(backend, v) + xi * chunkTiles * c, [1, chunkTiles, c]);
      try {
        out.push(runSingle(matMul, backend, { a, b }, plain));
      } finally {
        releaseView(backend, a);
      }
    });
  } catch (error) {
    disposeAll(backend, ...out);
    throw error;
  }
  return out;
}

/**
 * y = conv(x, filter) for `suitsWinograd` geometries with the padding already applied to x
 * (x [N, OH + 2, OW + 2, C]). The caller owns the result.
 */
export function winogradConv2d(
  backend: WasmBackend,
  glue: SimdGlue,
  x: TensorInfo,
  filter: TensorInfo,
  info: ConvInfo,
  chunkFloats = CHUNK_FLOATS,
): TensorInfo {
  const { batchSize: n, outHeight: oh, outWidth: ow, inChannels: c, outChannels: o } = info;
  const [, h, w] = x.shape as [number, number, number, number];
  const tilesY = oh / 2;
  const tilesX = ow / 2;
  const chunkRows = Math.max(1, Math.floor(chunkFloats / (16 * tilesX * Math.max(c, o))));
  const y = allocate(backend, [n, oh, ow, o]);
  try {
    withTemporaries(backend, (temp) => {
      const u = temp(allocate(backend, [16 * c * o]));
      transformFilter(
        heapF32(backend),
        floatOffset(backend, filter),
        floatOffset(backend, u),
        c,
        o,
      );
      // One view per filter matrix for the whole call: XNNPACK packs each b once.
      const filters: TensorInfo[] = [];
      try {
        for (let xi = 0; xi < 16; xi++) {
          filters.push(viewAt(backend, floatOffset(backend, u) + xi * c * o, [1, c, o]));
        }
        const v = temp(allocate(backend, [16 * Math.min(chunkRows, tilesY) * tilesX * c]));
        const table = temp(allocate(backend, [16], 'int32'));
        for (let b = 0; b < n; b++) {
          for (let ty = 0; ty < tilesY; ty += chunkRows) {
            const rows = Math.min(chunkRows, tilesY - ty);
            glue.winogradInput(
              floatOffset(backend, x) + (b * h + 2 * ty) * w * c,
              floatOffset(backend, v),
              w,
              c,
              rows,
              tilesX,
            );
            const m = products(backend, v, filters, rows * tilesX, c);
            try {
              const at = floatOffset(backend, table) * 4;
              const addresses = new Int32Array(heapF32(backend).buffer, at, 16);
              m.forEach((product, xi) => {
                addresses[xi] = floatOffset(backend, product) * 4;
              });
              glue.winogradOutput(
                floatOffset(backend, table),
                floatOffset(backend, y) + (b * oh + 2 * ty) * ow * o,
                o,
                rows,
                tilesX,
              );
            } finally {
              disposeAll(backend, ...m);
            }
          }
        }
      } finally {
        for (const view of filters) releaseView(backend, view);
      }
    });
  } catch (error) {
    disposeAll(backend, y);
    throw error;
  }
  return y;
}
