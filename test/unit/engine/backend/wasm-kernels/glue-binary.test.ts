// glue-binary.ts is generated from glue.wat: it must be what assembling the source gives today
// (after editing glue.wat, run `npx tsx src-main/engine/backend/wasm-kernels/build-glue.ts`).
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  GLUE_BINARY_FILE,
  generatedGlueSource,
} from '../../../../../src-main/engine/backend/wasm-kernels/build-glue';

describe('the SIMD glue binary', () => {
  it('is up to date with glue.wat', async () => {
    const committed = await readFile(GLUE_BINARY_FILE, 'utf8');
    expect(
      committed === (await generatedGlueSource()),
      'glue-binary.ts is stale: run build-glue.ts',
    ).toBe(true);
  });
});
